package com.bsp.onboarding.provisioner.restart;

import static com.bsp.onboarding.provisioner.support.OpsApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.emulator.ProviderEmulator;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.provisioner.support.ProvisionerProcess;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.testing.process.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service is killed (SIGKILL) while its credit-line call is in flight, started again, killed
 * again while the registration is in flight, and started again: the sequence completes and each side
 * effect happened once, because a step whose outcome was unknown is checked against Graph before it is
 * repeated.
 */
class RestartingMidSequenceIT {

    private static final String DATABASE = "waba_provisioner_restart_it";
    private static ProviderEmulator emulator;
    private static ServiceProcess provisioner;

    @BeforeAll
    static void start() throws Exception {
        TestDatabaseResource.recreate(DATABASE);
        emulator = ProviderEmulator.start(0);
        provisioner = ProvisionerProcess.of(DATABASE, emulator.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        provisioner.stop();
        emulator.close();
    }

    @Test
    void aKilledServiceResumesTheSequenceAndEachSideEffectHappensOnce() throws Exception {
        EmulatorAdmin graph = new EmulatorAdmin(emulator.baseUrl());
        graph.seed("waba-restart", "business-restart", "phone-restart", false);
        // Long enough to kill the service while Graph is still working on the call.
        graph.latencyMillis("share_credit_line", 2_000);
        graph.latencyMillis("register", 2_000);
        provisioner.start();

        InputTopics.sendSignup(InputTopics.signup("waba-restart", "business-restart", "phone-restart", "token"));

        await().atMost(Duration.ofSeconds(30)).until(() -> graph.count("share_credit_line", "waba-restart") == 1);
        provisioner.kill();
        provisioner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> graph.count("register", "phone-restart") == 1);
        provisioner.kill();
        provisioner.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(provisioner.baseUrl())
                .when().get("/v1/wabas/{id}", "waba-restart").then().statusCode(200).body("status", is("provisioned")));
        JsonPath waba = given().baseUri(provisioner.baseUrl()).when().get("/v1/wabas/{id}", "waba-restart").then().extract().jsonPath();
        assertEquals("shared", waba.getString("credit_sharing"));
        // Graph registered it while the service was dead; the resumed step found it on Cloud API.
        assertEquals("already_registered", waba.getString("phone_registration"));
        assertEquals(List.of(1, 1, 1, 2, 1, 1, 2, 1, 1), waba.getList("steps.attempts"), "the two interrupted steps ran twice, checked first");

        assertEquals(1, graph.count("subscribe_app", "waba-restart"));
        assertEquals(1, graph.count("share_credit_line", "waba-restart"), "the credit line was shared once");
        assertEquals(1, graph.count("register", "phone-restart"), "the number was registered once");
        assertEquals(1, graph.count("list_allocations", "credit-line-1"), "the unclear share was looked up");
    }
}

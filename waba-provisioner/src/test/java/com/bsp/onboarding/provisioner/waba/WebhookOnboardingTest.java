package com.bsp.onboarding.provisioner.waba;

import static com.bsp.onboarding.provisioner.waba.ProvisioningWabasTest.awaitEvent;
import static com.bsp.onboarding.provisioner.waba.ProvisioningWabasTest.awaitStatus;
import static com.bsp.onboarding.provisioner.waba.ProvisioningWabasTest.read;
import static com.bsp.onboarding.provisioner.support.OpsApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta-hosted Embedded Signup: a WABA known only from PARTNER_ADDED / PARTNER_APP_INSTALLED, provisioned with its
 * hub's System User token; and several Meta apps, each WABA with its own hub's app and credit line. Hubs of the test
 * profile: beta (second-app, auto), gamma (third-app, ops); alpha uses provisioner.meta.*.
 */
@QuarkusTest
class WebhookOnboardingTest {

    static final String SECOND_APP = "second-app";
    static final String THIRD_APP = "third-app";

    @ConfigProperty(name = ProviderEmulatorResource.URL_PROPERTY)
    String emulatorUrl;

    private EmulatorAdmin emulator() {
        return new EmulatorAdmin(emulatorUrl);
    }

    @BeforeEach
    void twoMoreMetaApps() {
        emulator().addApp(SECOND_APP, "second-app-secret", "su-token-second-app", "credit-line-second-app");
        emulator().addApp(THIRD_APP, "third-app-secret", "su-token-third-app", "credit-line-third-app");
    }

    @Test
    void partnerAddedWithoutASignupIsProvisionedAtOnceWithTheAutoHubsSystemUserToken() {
        String waba = seeded();

        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_ADDED", SECOND_APP, Instant.now()));

        JsonPath view = awaitStatus(waba, "provisioned");
        assertEquals("beta", view.getString("hub_id"));
        assertEquals("system_user", view.getString("token_source"));
        assertEquals("owner-" + waba, view.getString("business_id"));
        assertNull(view.getString("signup_id"));
        assertEquals("registered", view.getString("phone_registration"));
        EmulatorAdmin graph = emulator();
        for (String call : List.of("subscribe_app", "share_credit_line")) {
            assertEquals("Bearer su-token-second-app", graph.calls(call, waba).get(0).path("authorization").asText(), call);
        }
        assertEquals("Bearer su-token-second-app", graph.calls("register", "phone-" + waba).get(0).path("authorization").asText());
        assertTrue(graph.calls("share_credit_line", waba).get(0).path("query").asText().contains("waba_currency=EUR"));
        JsonNode meta = graph.waba(waba);
        assertEquals(List.of(SECOND_APP), strings(meta.path("subscribed_apps")));
        assertEquals("credit-line-second-app", meta.path("credit_allocation").path("credit_line_id").asText());

        JsonNode started = read(awaitEvent(ProvisioningEventTypes.WABA_LIFECYCLE_CHANGED, waba)).path("data");
        assertEquals("PARTNER_ADDED", started.path("event").asText());
        assertEquals("provisioning", started.path("status").asText());
        assertEquals("system_user", started.path("token_source").asText());
        awaitEvent(ProvisioningEventTypes.WABA_PROVISIONED, waba);
    }

    @Test
    void onAnOpsHubTheWabaAwaitsOpsAndOpsStartItWithThatHubsApp() {
        String waba = seeded();

        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_APP_INSTALLED", THIRD_APP, Instant.now()));

        JsonPath waiting = awaitStatus(waba, "awaiting_ops");
        assertEquals("gamma", waiting.getString("hub_id"));
        assertEquals(0, emulator().count("subscribe_app", waba), "nothing is called before ops say so");
        assertEquals("awaiting_ops", read(awaitEvent(ProvisioningEventTypes.WABA_LIFECYCLE_CHANGED, waba)).path("data")
                .path("status").asText());

        given().contentType(ContentType.JSON).body("{}").when().post("/v1/wabas/{id}/provision", waba).then().statusCode(200);

        awaitStatus(waba, "provisioned");
        assertEquals("Bearer su-token-third-app", emulator().calls("subscribe_app", waba).get(0).path("authorization").asText());
        JsonNode meta = emulator().waba(waba);
        assertEquals(List.of(THIRD_APP), strings(meta.path("subscribed_apps")));
        assertEquals("credit-line-third-app", meta.path("credit_allocation").path("credit_line_id").asText());
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/wabas/{id}/provision", waba).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aWebhookThatCannotTellTheHubAwaitsOpsWhoMustNameIt() {
        String waba = seeded();

        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_ADDED", "an-app-nobody-configured", Instant.now()));

        assertNull(awaitStatus(waba, "awaiting_ops").getString("hub_id"));
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/wabas/{id}/provision", waba).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"hub_id\":\"nowhere\"}").when().post("/v1/wabas/{id}/provision", waba).then()
                .statusCode(400);
        given().contentType(ContentType.JSON).body("{\"hub_id\":\"beta\"}").when().post("/v1/wabas/{id}/provision", waba).then()
                .statusCode(200).body("hub_id", is("beta"));

        awaitStatus(waba, "provisioned");
        assertEquals("Bearer su-token-second-app", emulator().calls("subscribe_app", waba).get(0).path("authorization").asText());
    }

    @Test
    void aSignupArrivingWithTheWebhooksThreeTimesEachProvisionsTheWabaOnce() {
        String waba = seeded();
        Instant now = Instant.now();
        var signup = InputTopics.hubSignup("beta", waba, "owner-" + waba, "phone-" + waba, "business-token-" + waba, now);

        for (int i = 0; i < 3; i++) {
            InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_ADDED", SECOND_APP, now));
            InputTopics.sendSignup(signup);
            InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_APP_INSTALLED", SECOND_APP, now));
        }

        awaitStatus(waba, "provisioned");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/v1/wabas/{id}", waba).then()
                .body("signup_id", notNullValue()).body("token_source", is("business"))
                .body("updates.PARTNER_APP_INSTALLED", notNullValue()));
        EmulatorAdmin graph = emulator();
        for (String call : List.of("subscribe_app", "share_credit_line")) {
            assertEquals(1, graph.count(call, waba), call);
        }
        assertEquals(1, graph.count("register", "phone-" + waba));
        assertEquals(1, TopicReader.readAll(Topics.PROVISIONING_EVENTS).stream()
                .filter(r -> waba.equals(r.key()) && r.value().contains(ProvisioningEventTypes.WABA_PROVISIONED)).count());
    }

    @Test
    void twoHubsWithTwoMetaAppsAreEachFundedFromTheirOwnCreditLineWithTheirOwnSystemUser() {
        String viaSignup = seeded();
        String viaWebhook = seeded();

        InputTopics.sendSignup(InputTopics.hubSignup("beta", viaSignup, "owner-" + viaSignup, "phone-" + viaSignup, "token", Instant.now()));
        InputTopics.sendMeta(InputTopics.accountUpdate(viaWebhook, "PARTNER_APP_INSTALLED", THIRD_APP, Instant.now()));
        awaitStatus(viaWebhook, "awaiting_ops");
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/wabas/{id}/provision", viaWebhook).then().statusCode(200);

        awaitStatus(viaSignup, "provisioned");
        awaitStatus(viaWebhook, "provisioned");
        EmulatorAdmin graph = emulator();
        assertEquals("Bearer su-token-second-app", graph.calls("share_credit_line", viaSignup).get(0).path("authorization").asText());
        assertEquals("Bearer token", graph.calls("subscribe_app", viaSignup).get(0).path("authorization").asText(),
                "a signup's WABA is subscribed with its business token (its app's)");
        assertEquals("credit-line-second-app", graph.waba(viaSignup).path("credit_allocation").path("credit_line_id").asText());
        assertEquals("Bearer su-token-third-app", graph.calls("share_credit_line", viaWebhook).get(0).path("authorization").asText());
        assertEquals("credit-line-third-app", graph.waba(viaWebhook).path("credit_allocation").path("credit_line_id").asText());
        assertEquals(List.of(THIRD_APP), strings(graph.waba(viaWebhook).path("subscribed_apps")));
    }

    private String seeded() {
        String waba = "waba-" + UUID.randomUUID().toString().substring(0, 8);
        emulator().seed(waba, "owner-" + waba, "phone-" + waba, false);
        return waba;
    }

    static List<String> strings(JsonNode array) {
        List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}

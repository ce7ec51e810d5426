package com.bsp.onboarding.provisioner.waba;

import static com.bsp.onboarding.provisioner.support.OpsApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.provisioner.waba.ProvisioningWabasTest.Ids;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hub that hosts Embedded Signup itself hands each completed signup to 360Dialog (account sharing): a client for the
 * customer, then the WABA's number for that client; 360Dialog's channel for it is then provisioned like any channel.
 */
@QuarkusTest
class HandingSignupsTo360DialogTest {

    /** The {@code sharing} hub of the test profile: direct payment, account sharing with solution-for-tests. */
    static final String PARTNER = "sHaRePA";
    static final String HUB = "sharing";

    @ConfigProperty(name = ProviderEmulatorResource.URL_PROPERTY)
    String emulatorUrl;

    private EmulatorAdmin emulator() {
        return new EmulatorAdmin(emulatorUrl);
    }

    @AfterEach
    void clearFaults() {
        emulator().clearFaults();
    }

    @Test
    void aSignupIsHandedTo360DialogAndTheChannelOfItsClientIsProvisioned() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba(), ids.business(), ids.phone(), false);

        InputTopics.sendSignup(InputTopics.signupOfHub(HUB, ids.waba(), ids.business(), ids.phone(), "token-" + ids.waba(), "FINISH",
                "crm-" + ids.waba()));

        JsonPath waba = ProvisioningWabasTest.awaitStatus(ids.waba(), "provisioned");
        String client = waba.getString("dialog360_client_id");
        assertNotNull(client);
        assertEquals("by_360dialog", waba.getString("credit_sharing"));
        assertEquals("by_360dialog", waba.getString("phone_registration"));
        assertEquals("handed_over", waba.getString("steps.find { it.step == 'hand_over_number' }.outcome"));
        // 360Dialog funds and registers numbers handed to it; our app is still subscribed for the WABA's webhooks.
        assertEquals(1, emulator().count("subscribe_app", ids.waba()));
        assertEquals(0, emulator().count("share_credit_line", ids.waba()));
        assertEquals(0, emulator().count("register", ids.phone()));
        JsonNode handedOver = handOversOf(ids.waba());
        assertEquals(client, handedOver.path("client_id").asText());
        assertEquals("solution-for-tests", handedOver.path("solution_id").asText());
        assertEquals(List.of("crm-" + ids.waba() + " (WABA " + ids.waba() + ")"), clientNamesOf(client));
        JsonNode event = ProvisioningWabasTest.read(ProvisioningWabasTest.awaitEvent(ProvisioningEventTypes.WABA_PROVISIONED, ids.waba()));
        assertEquals(client, event.path("data").path("dialog360_client_id").asText());

        // 360Dialog makes the number a channel of that client. The hub is on direct payment, so no redirect grants
        // it: it is the hub's because this service created its client.
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, InputTopics.channelEvent(PARTNER, client, channel, "channel_running",
                "running"));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                .when().get("/v1/channels/{p}/{c}", PARTNER, channel).then().statusCode(200).body("status", is("provisioned")));
        assertEquals(1, emulator().count("create_api_key", channel));
    }

    @Test
    void aChannelOfAClientThisServiceDidNotCreateWaitsForItsGrant() {
        String stranger = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);

        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, stranger, InputTopics.channelEvent(PARTNER, stranger, channel, "channel_running",
                "running"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/v1/channels/{p}/{c}", PARTNER, channel)
                .then().statusCode(200).body("status", is("waiting")).body("permitted", is(false)));
    }

    @Test
    void aHandOverWhoseAnswerWasLostIsNotMadeTwice() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba(), ids.business(), ids.phone(), false);
        // Two hand-overs take effect only after the call's deadline (2 s in tests); the third attempt finds 360Dialog
        // onboarding the number already (409), which counts as done.
        emulator().latencyMillisOn("account_sharing_number", PARTNER, 2, 3_000);

        InputTopics.sendSignup(InputTopics.signupOfHub(HUB, ids.waba(), ids.business(), ids.phone(), "token", "FINISH", null));

        JsonPath waba = ProvisioningWabasTest.awaitStatus(ids.waba(), "provisioned");
        assertEquals("already_handed_over", waba.getString("steps.find { it.step == 'hand_over_number' }.outcome"));
        assertEquals(3, waba.getInt("steps.find { it.step == 'hand_over_number' }.attempts"));
        assertEquals(waba.getString("dialog360_client_id"), handOversOf(ids.waba()).path("client_id").asText());
    }

    @Test
    void aClientCreatedBeforeALostAnswerIsFoundByNameInsteadOfMadeAgain() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba(), ids.business(), ids.phone(), false);
        // As if an earlier attempt had created the client and its answer was lost: the client exists, and the next
        // creation call fails (without effect), so the step is attempted again and must look before it creates.
        String name = "(WABA " + ids.waba() + ")";
        String existing = io.restassured.RestAssured.given().baseUri(emulatorUrl).header("X-API-Key", "k").contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}").post("/api/v2/partners/{p}/account_sharing/clients", PARTNER)
                .then().statusCode(200).extract().path("id");
        emulator().failNextOn("account_sharing_client", PARTNER, 1, 503, null);

        InputTopics.sendSignup(InputTopics.signupOfHub(HUB, ids.waba(), ids.business(), ids.phone(), "token", "FINISH", null));

        JsonPath waba = ProvisioningWabasTest.awaitStatus(ids.waba(), "provisioned");
        assertEquals(existing, waba.getString("dialog360_client_id"));
        assertEquals("already_created", waba.getString("steps.find { it.step == 'create_dialog360_client' }.outcome"));
        assertEquals(1, StreamSupport.stream(emulator().accountSharing().path("clients").spliterator(), false)
                .filter(c -> name.equals(c.path("name").asText())).count(), "no second client of that name");
        assertEquals(existing, handOversOf(ids.waba()).path("client_id").asText());
    }

    private JsonNode handOversOf(String wabaId) {
        return StreamSupport.stream(emulator().accountSharing().path("numbers").spliterator(), false)
                .filter(n -> wabaId.equals(n.path("waba_external_id").asText())).reduce((a, b) -> {
                    throw new AssertionError("handed over twice: " + a + " " + b);
                }).orElseThrow(() -> new AssertionError("not handed over: " + wabaId));
    }

    private List<String> clientNamesOf(String clientId) {
        return StreamSupport.stream(emulator().accountSharing().path("clients").spliterator(), false)
                .filter(c -> clientId.equals(c.path("id").asText())).map(c -> c.path("name").asText()).toList();
    }
}

package com.bsp.onboarding.provisioner.waba;

import static com.bsp.onboarding.provisioner.waba.ProvisioningWabasTest.awaitStatus;
import static com.bsp.onboarding.provisioner.waba.ProvisioningWabasTest.awaitUpdateRecorded;
import static com.bsp.onboarding.provisioner.support.OpsApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The account lifecycle: every event delivered three times (Meta's retries are new deliveries), some out of order
 * with the signup and with each other; each changes the state once and is announced once.
 */
@QuarkusTest
class AccountLifecycleTest {

    @ConfigProperty(name = ProviderEmulatorResource.URL_PROPERTY)
    String emulatorUrl;

    private EmulatorAdmin emulator() {
        return new EmulatorAdmin(emulatorUrl);
    }

    @Test
    void anUninstallNewerThanALateSignupKeepsTheTokenUnusableUntilTheAppIsInstalledAgain() {
        String waba = seeded();
        Instant signedUp = Instant.now().minusSeconds(60);

        thrice(waba, "PARTNER_APP_UNINSTALLED", signedUp.plusSeconds(10));
        awaitStatus(waba, "app_uninstalled");
        for (int i = 0; i < 3; i++) {
            InputTopics.sendSignup(InputTopics.hubSignup("alpha", waba, "owner-" + waba, "phone-" + waba, "token", signedUp));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/v1/wabas/{id}", waba).then()
                .body("signup_id", notNullValue()).body("status", is("app_uninstalled")).body("token_state", is("unusable"))
                .body("resume_status", is("provisioning")));
        assertEquals(0, emulator().count("subscribe_app", waba), "no call with an unusable token");

        thrice(waba, "PARTNER_APP_INSTALLED", signedUp.plusSeconds(20));
        JsonPath view = awaitStatus(waba, "provisioned");
        assertEquals("usable", view.getString("token_state"));
        // A late redelivery of the older uninstall changes nothing.
        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_APP_UNINSTALLED", null, signedUp.plusSeconds(10)));
        marker(waba, signedUp.plusSeconds(30));

        view = awaitStatus(waba, "provisioned");
        assertEquals("usable", view.getString("token_state"));
        assertEquals("PARTNER_APP_INSTALLED", view.getString("lifecycle.event"));
        assertEquals(1, emulator().count("subscribe_app", waba));
        assertEquals(2, lifecycleEvents(waba), "uninstalled, then installed: one event each");
    }

    @Test
    void anUninstallStopsWorkInFlightAndAnInstallResumesItCheckingWhatTookEffect() throws Exception {
        String waba = seeded();
        Instant signedUp = Instant.now();
        // The subscription takes 1.5 s: the uninstall arrives while it is in flight.
        emulator().latencyMillisOn("subscribe_app", waba, 1, 1_500);
        InputTopics.sendSignup(InputTopics.hubSignup("alpha", waba, "owner-" + waba, "phone-" + waba, "token", signedUp));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> given()
                .when().get("/v1/wabas/{id}", waba).then().body("steps.find { it.step == 'subscribe_app' }.status", is("in_flight")));

        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_APP_UNINSTALLED", null, signedUp.plusSeconds(5)));

        awaitStatus(waba, "app_uninstalled");
        Thread.sleep(2_500);
        JsonPath stopped = awaitStatus(waba, "app_uninstalled");
        assertEquals("subscribe_app", stopped.getString("current_step"));
        assertEquals(0, emulator().count("share_credit_line", waba), "no call after the uninstall");

        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_APP_INSTALLED", null, signedUp.plusSeconds(10)));

        JsonPath view = awaitStatus(waba, "provisioned");
        assertEquals("already_subscribed", view.getString("steps.find { it.step == 'subscribe_app' }.outcome"));
        assertEquals(1, emulator().count("subscribe_app", waba));
        assertEquals(1, emulator().count("list_subscribed_apps", waba));
        assertEquals(1, emulator().count("share_credit_line", waba));
    }

    @Test
    void anOffboardedAccountStopsAndWhenReconnectedResumesFromItsNumber() {
        String waba = seeded();
        Instant signedUp = Instant.now().minusSeconds(60);
        provisionedBySignup(waba, signedUp);

        thrice(waba, "ACCOUNT_OFFBOARDED", signedUp.plusSeconds(10));
        assertEquals("provisioned", awaitStatus(waba, "account_offboarded").getString("resume_status"));
        thrice(waba, "ACCOUNT_RECONNECTED", signedUp.plusSeconds(20));
        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "ACCOUNT_OFFBOARDED", null, signedUp.plusSeconds(10)));
        marker(waba, signedUp.plusSeconds(30));

        JsonPath view = awaitStatus(waba, "provisioned");
        assertEquals("ACCOUNT_RECONNECTED", view.getString("lifecycle.event"));
        assertEquals("already_registered", view.getString("steps.find { it.step == 'register_phone' }.outcome"),
                "the number's registration was checked again");
        assertEquals("done", view.getString("steps.find { it.step == 'subscribe_app' }.status"));
        assertEquals(1, emulator().count("subscribe_app", waba), "steps before the number are not run again");
        assertEquals(1, emulator().count("register", "phone-" + waba));
        assertEquals(2, lifecycleEvents(waba));
    }

    @Test
    void aDeletedAccountEndsAndALateOlderInstallDoesNotReviveIt() {
        String waba = seeded();
        Instant signedUp = Instant.now().minusSeconds(60);
        provisionedBySignup(waba, signedUp);

        thrice(waba, "ACCOUNT_DELETED", signedUp.plusSeconds(10));
        awaitStatus(waba, "account_deleted");
        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_APP_INSTALLED", null, signedUp.plusSeconds(5)));
        thrice(waba, "ACCOUNT_RECONNECTED", signedUp.plusSeconds(20));
        marker(waba, signedUp.plusSeconds(30));

        awaitStatus(waba, "account_deleted");
        assertEquals(1, lifecycleEvents(waba));
    }

    @Test
    void violationsRestrictionsAndBansAreKeptWithTheirDetailsAndAnnouncedOnce() {
        String waba = seeded();
        Instant at = Instant.now().minusSeconds(60);
        ObjectNode violation = InputTopics.JSON.createObjectNode();
        violation.putObject("violation_info").put("violation_type", "SCAM");
        ObjectNode restriction = InputTopics.JSON.createObjectNode();
        restriction.putArray("restriction_info").addObject().put("restriction_type", "RESTRICTED_ADD_PHONE_NUMBER_ACTION")
                .put("expiration", 1_900_000_000L);
        ObjectNode ban = InputTopics.JSON.createObjectNode();
        ban.putObject("ban_info").put("waba_ban_state", "DISABLE").put("waba_ban_date", "2026-12-01");

        for (int i = 0; i < 3; i++) {
            InputTopics.sendMeta(InputTopics.accountUpdate(waba, "ACCOUNT_VIOLATION", null, at.plusSeconds(1), violation));
            InputTopics.sendMeta(InputTopics.accountUpdate(waba, "ACCOUNT_RESTRICTION", null, at.plusSeconds(2), restriction));
            InputTopics.sendMeta(InputTopics.accountUpdate(waba, "DISABLED_UPDATE", null, at.plusSeconds(3), ban));
        }
        // An older violation arriving late is no news.
        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "ACCOUNT_VIOLATION", null, at, InputTopics.JSON.createObjectNode()));
        marker(waba, at.plusSeconds(4));

        JsonPath view = given().when().get("/v1/wabas/{id}", waba).then().statusCode(200).extract().jsonPath();
        assertEquals("SCAM", view.getString("violation.info.violation_type"));
        assertEquals("RESTRICTED_ADD_PHONE_NUMBER_ACTION", view.getString("restriction.info[0].restriction_type"));
        assertEquals("DISABLE", view.getString("ban.info.waba_ban_state"));
        assertEquals("DISABLED_UPDATE", view.getString("account_status.event"));
        assertEquals("MM_LITE_TERMS_SIGNED", view.getString("updates.MM_LITE_TERMS_SIGNED.value.event"), "unknown events are kept");
        assertEquals(3, TopicReader.readAll(Topics.PROVISIONING_EVENTS).stream()
                .filter(r -> waba.equals(r.key()) && r.value().contains(ProvisioningEventTypes.WABA_STATUS_CHANGED)).count());
    }

    @Test
    void aLateRemovalOlderThanTheLatestSignupIsRecordedButDoesNotOffboardTheWabaNorRevokeItsCreditLine() {
        String waba = seeded();
        Instant signedUpAgain = Instant.now().minusSeconds(30);
        provisionedBySignup(waba, signedUpAgain);
        String allocation = given().when().get("/v1/wabas/{id}", waba).then().extract().path("allocation_config_id");

        // Meta retries a removal for 7 days: this one happened before the customer signed up again.
        thrice(waba, "PARTNER_REMOVED", signedUpAgain.minusSeconds(3600));
        marker(waba, signedUpAgain.plusSeconds(1));

        JsonPath view = awaitStatus(waba, "provisioned");
        assertEquals(signedUpAgain.minusSeconds(3600).getEpochSecond(),
                Instant.parse(view.getString("updates.PARTNER_REMOVED.received_at")).getEpochSecond(), "the late removal is kept");
        assertEquals(0, emulator().count("revoke_allocation", allocation), "its credit line stays");
        assertEquals(0, TopicReader.readAll(Topics.PROVISIONING_EVENTS).stream()
                .filter(r -> waba.equals(r.key()) && r.value().contains(ProvisioningEventTypes.WABA_OFFBOARDED)).count());

        // A removal after the signup is applied.
        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "PARTNER_REMOVED", null, signedUpAgain.plusSeconds(2)));
        awaitStatus(waba, "offboarded");
        assertEquals(1, emulator().count("revoke_allocation", allocation));
    }

    private static void provisionedBySignup(String waba, Instant completedAt) {
        InputTopics.sendSignup(InputTopics.hubSignup("alpha", waba, "owner-" + waba, "phone-" + waba, "token", completedAt));
        awaitStatus(waba, "provisioned");
    }

    private static void thrice(String waba, String event, Instant at) {
        for (int i = 0; i < 3; i++) {
            InputTopics.sendMeta(InputTopics.accountUpdate(waba, event, null, at));
        }
    }

    /** An event Meta added lately (reference §3.4), sent last on the WABA's partition: once it is kept, all before it were applied. */
    private static void marker(String waba, Instant at) {
        InputTopics.sendMeta(InputTopics.accountUpdate(waba, "MM_LITE_TERMS_SIGNED", null, at));
        awaitUpdateRecorded(waba, "MM_LITE_TERMS_SIGNED");
    }

    private static long lifecycleEvents(String waba) {
        return TopicReader.readAll(Topics.PROVISIONING_EVENTS).stream()
                .filter(r -> waba.equals(r.key()) && r.value().contains(ProvisioningEventTypes.WABA_LIFECYCLE_CHANGED)).count();
    }

    private String seeded() {
        String waba = "waba-" + UUID.randomUUID().toString().substring(0, 8);
        emulator().seed(waba, "owner-" + waba, "phone-" + waba, false);
        return waba;
    }
}

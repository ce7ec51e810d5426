package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.provisioner.support.OpsApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.KeyRing;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.provisioner.support.ProvisionerTestResources;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ProvisioningWabasTest {

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
    void signupGetsTheWabaSubscribedFundedAndRegisteredAndAnnouncesIt() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, false);
        String token = "business-token-" + UUID.randomUUID();

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, token));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals("shared", waba.getString("credit_sharing"));
        assertEquals("registered", waba.getString("phone_registration"));
        assertEquals("ns_" + ids.waba.replace('-', '_'), waba.getString("message_template_namespace"));
        assertEquals(List.of("subscribe_app", "create_dialog360_client", "hand_over_number", "share_credit_line", "verify_credit_sharing",
                "resolve_phone_number", "register_phone", "sync_app_data", "read_template_namespace"), waba.getList("steps.step"));
        assertEquals(List.of("done", "skipped", "skipped", "done", "done", "skipped", "done", "skipped", "done"),
                waba.getList("steps.status"));
        assertEquals("not_account_sharing", waba.getString("steps.find { it.step == 'hand_over_number' }.outcome"));
        assertEquals("from_signup", waba.getString("steps.find { it.step == 'resolve_phone_number' }.outcome"));
        assertEquals("not_coexistence", waba.getString("steps.find { it.step == 'sync_app_data' }.outcome"));
        assertEquals("FINISH", waba.getString("finish_type"));

        EmulatorAdmin graph = emulator();
        assertEquals(1, graph.count("subscribe_app", ids.waba));
        assertEquals(1, graph.count("share_credit_line", ids.waba));
        assertEquals(1, graph.count("register", ids.phone));
        // Each call carries the token Meta asks for: the business token for the customer's WABA, the
        // system user's for the partner's credit line.
        assertEquals("Bearer " + token, graph.calls("subscribe_app", ids.waba).get(0).path("authorization").asText());
        assertEquals("Bearer " + token, graph.calls("register", ids.phone).get(0).path("authorization").asText());
        JsonNode share = graph.calls("share_credit_line", ids.waba).get(0);
        assertEquals("Bearer system-user-token-for-tests", share.path("authorization").asText());
        assertTrue(share.path("query").asText().contains("waba_currency=USD"), share.toString());
        assertTrue(graph.calls("register", ids.phone).get(0).path("body").asText().matches(".*\"pin\":\"\\d{6}\".*"));

        ConsumerRecord<String, String> event = awaitEvent(ProvisioningEventTypes.WABA_PROVISIONED, ids.waba);
        assertEquals(ids.waba, event.key());
        JsonNode data = read(event).path("data");
        assertEquals("shared", data.path("credit_sharing").asText());
        assertEquals(waba.getString("allocation_config_id"), data.path("allocation_config_id").asText());
        assertFalse(data.path("coexistence").asBoolean(true));
        assertTrue(data.path("customer_reference").isMissingNode());
        assertFalse(event.value().contains(token), "the event never carries the token");
    }

    @Test
    void aCoexistenceNumberIsNeverRegisteredAndItsContactsAndHistoryAreSyncedOnce() {
        Ids ids = Ids.fresh();
        emulator().seedAppNumber(ids.waba, ids.business, ids.phone);
        String token = "business-token-" + UUID.randomUUID();

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, token, SignupCompleted.COEXISTENCE_FINISH,
                "crm-" + ids.waba));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals("coexistence", waba.getString("phone_registration"));
        assertEquals(ids.phone, waba.getString("phone_number_id"));
        assertEquals(SignupCompleted.COEXISTENCE_FINISH, waba.getString("finish_type"));
        assertEquals("crm-" + ids.waba, waba.getString("customer_reference"));
        assertEquals("skipped", waba.getString("steps.find { it.step == 'register_phone' }.status"));
        assertEquals("done", waba.getString("steps.find { it.step == 'sync_app_data' }.status"));
        assertEquals("requested", waba.getString("steps.find { it.step == 'sync_app_data' }.outcome"));

        EmulatorAdmin graph = emulator();
        assertEquals(0, graph.count("register", ids.phone), "a coexistence number is never registered");
        List<JsonNode> syncs = graph.calls("sync_smb_app_data", ids.phone);
        assertEquals(List.of("smb_app_state_sync", "history"), syncs.stream().map(InputTopics::syncType).toList(),
                "contacts first, then history, each once");
        assertEquals("Bearer " + token, syncs.get(0).path("authorization").asText());
        assertEquals(List.of("history", "smb_app_state_sync"), appDataSyncs(ids.waba));

        JsonNode data = read(awaitEvent(ProvisioningEventTypes.WABA_PROVISIONED, ids.waba)).path("data");
        assertTrue(data.path("coexistence").asBoolean());
        assertEquals("coexistence", data.path("phone_registration").asText());
        assertEquals(ids.phone, data.path("phone_number_id").asText());
        assertEquals("crm-" + ids.waba, data.path("customer_reference").asText());
    }

    @Test
    void aSignupWithoutANumberAdoptsTheWabasOnlyNumberAndRegistersIt() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, false);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, null, "token"));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals(ids.phone, waba.getString("phone_number_id"));
        assertEquals("registered", waba.getString("phone_registration"));
        assertEquals("adopted", waba.getString("steps.find { it.step == 'resolve_phone_number' }.outcome"));
        assertEquals(1, emulator().count("register", ids.phone));
        assertEquals(ids.phone, read(awaitEvent(ProvisioningEventTypes.WABA_PROVISIONED, ids.waba)).path("data")
                .path("phone_number_id").asText());
    }

    @Test
    void aWabaWithoutAnyNumberIsProvisionedWithoutOne() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, null, false);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, null, "token"));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals("no_number", waba.getString("phone_registration"));
        assertEquals(null, waba.getString("phone_number_id"));
        assertEquals("no_number", waba.getString("steps.find { it.step == 'resolve_phone_number' }.outcome"));
        assertEquals(1, emulator().count("list_phone_numbers", ids.waba));
        assertEquals("skipped", waba.getString("steps.find { it.step == 'register_phone' }.status"));
    }

    @Test
    void aWabaWithSeveralNumbersGetsNoneGuessedAndOpsSeeWhy() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone + "-a", false);
        emulator().seed(ids.waba, ids.business, ids.phone + "-b", false);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, null, "token"));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals("several_numbers", waba.getString("phone_registration"));
        assertEquals(null, waba.getString("phone_number_id"));
        assertEquals("several_numbers", waba.getString("steps.find { it.step == 'register_phone' }.outcome"));
        assertEquals(0, emulator().count("register", ids.phone + "-a"));
        assertEquals(0, emulator().count("register", ids.phone + "-b"));
        assertEquals("several_numbers", read(awaitEvent(ProvisioningEventTypes.WABA_PROVISIONED, ids.waba)).path("data")
                .path("phone_registration").asText());
    }

    @Test
    void aRetriedSyncStepMakesEachSyncTakeEffectOnce() {
        Ids ids = Ids.fresh();
        emulator().seedAppNumber(ids.waba, ids.business, ids.phone);
        emulator().failNextOn("sync_smb_app_data", ids.phone, 1, 503, null);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, null, "token", SignupCompleted.COEXISTENCE_FINISH, null));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals(ids.phone, waba.getString("phone_number_id"), "the coexistence number was read from the WABA");
        assertEquals(2, waba.getInt("steps.find { it.step == 'sync_app_data' }.attempts"));
        assertEquals(List.of("history", "smb_app_state_sync"), appDataSyncs(ids.waba));
        assertEquals(0, emulator().count("register", ids.phone));
    }

    @Test
    void aSyncWhoseAnswerWasLostIsRequestedAgainAndMetasAlreadyRequestedCountsAsDone() {
        Ids ids = Ids.fresh();
        emulator().seedAppNumber(ids.waba, ids.business, ids.phone);
        // The first two contacts sync calls take effect only after the call's deadline (2 s in tests), so their
        // outcome is unknown; the third attempt finds the first one applied and Meta answers "already requested".
        emulator().latencyMillisOn("sync_smb_app_data", ids.phone, 2, 3_000);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, "token", SignupCompleted.COEXISTENCE_FINISH, null));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals(List.of("history", "smb_app_state_sync"), appDataSyncs(ids.waba));
        assertEquals(3, waba.getInt("steps.find { it.step == 'sync_app_data' }.attempts"));
        assertEquals("already_requested", waba.getString("steps.find { it.step == 'sync_app_data' }.outcome"));
        assertEquals(1, emulator().calls("sync_smb_app_data", ids.phone).stream().filter(c -> "history".equals(InputTopics.syncType(c)))
                .count(), "history was requested once, after contacts");
    }

    @Test
    void anEventDeliveredThreeTimesGivesOneSetOfCalls() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, false);
        CloudEvent<SignupCompleted> signup = InputTopics.signup(ids.waba, ids.business, ids.phone, "token-" + ids.waba);

        for (int i = 0; i < 3; i++) {
            InputTopics.sendSignup(signup);
        }

        String allocation = awaitStatus(ids.waba, "provisioned").getString("allocation_config_id");
        // A redelivery after provisioning must not start anything either.
        InputTopics.sendSignup(signup);
        InputTopics.send(Topics.META_WEBHOOK_EVENTS, ids.waba, InputTopics.accountUpdate(ids.waba, "PARTNER_ADDED"));
        awaitUpdateRecorded(ids.waba, "PARTNER_ADDED");
        EmulatorAdmin graph = emulator();
        for (String operation : List.of("subscribe_app", "share_credit_line", "list_phone_numbers")) {
            assertEquals(1, graph.count(operation, ids.waba), operation);
        }
        assertEquals(1, graph.count("read_allocation", allocation));
        assertEquals(1, graph.count("register", ids.phone));
        assertEquals(1, TopicReader.readAll(Topics.PROVISIONING_EVENTS).stream()
                .filter(r -> ids.waba.equals(r.key()) && r.value().contains(ProvisioningEventTypes.WABA_PROVISIONED)).count());
    }

    @Test
    void aNumberAlreadyOnCloudApiIsNotRegisteredAgain() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, true);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, "token"));

        assertEquals("already_registered", awaitStatus(ids.waba, "provisioned").getString("phone_registration"));
        assertEquals(0, emulator().count("register", ids.phone));
    }

    @Test
    void aServerErrorIsRetriedAndTheSideEffectStillHappensOnce() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, false);
        emulator().failNextOn("subscribe_app", ids.waba, 1, 500, null);
        emulator().failNextOn("register", ids.phone, 1, 503, 2);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, "token"));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals(List.of(2, 1, 1, 1, 1, 1, 2, 1, 1), waba.getList("steps.attempts"));
        EmulatorAdmin graph = emulator();
        // The 5xx may have taken effect, so the retry first asked whether the app was subscribed.
        assertEquals(1, graph.count("list_subscribed_apps", ids.waba));
        assertEquals(2, graph.count("subscribe_app", ids.waba));
        assertEquals(2, graph.count("register", ids.phone));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 80007, 80008})
    void rateLimitCodesAreRetriedWithBackoff(int code) {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, false);
        emulator().failNextOn("share_credit_line", ids.waba, 2, 400, code);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, "token"));

        JsonPath waba = awaitStatus(ids.waba, "provisioned");
        assertEquals(3, waba.getInt("steps.find { it.step == 'share_credit_line' }.attempts"));
        assertEquals(3, emulator().count("share_credit_line", ids.waba));
        assertEquals(1, emulator().calls("read_allocation", waba.getString("allocation_config_id")).size());
    }

    @Test
    void anInvalidTokenFailsPermanentlyWithTheGraphErrorKept() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, false);
        emulator().failNextOn("register", ids.phone, 1, 400, 190);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, "token"));

        JsonPath waba = awaitStatus(ids.waba, "failed");
        assertEquals("register_phone", waba.getString("current_step"));
        assertEquals(190, waba.getInt("last_error.code"));
        assertEquals(400, waba.getInt("last_error.http_status"));
        assertTrue(waba.getString("last_error.trace_id").startsWith("Emu"));
        assertEquals("failed", waba.getString("steps.find { it.step == 'register_phone' }.status"));
        assertEquals(1, emulator().count("register", ids.phone), "190 is not retried");

        JsonNode failed = read(awaitEvent(ProvisioningEventTypes.WABA_PROVISIONING_FAILED, ids.waba)).path("data");
        assertEquals("register_phone", failed.path("step").asText());
        assertEquals(190, failed.path("error").path("code").asInt());
        JsonNode deadLetter = read(TopicReader.await(Topics.PROVISIONING_DEAD_LETTERS, r -> ids.waba.equals(r.key()), 1,
                Duration.ofSeconds(10)).get(0)).path("data");
        assertEquals("permanent_error", deadLetter.path("reason").asText());

        given().when().get("/v1/wabas?status=failed").then().statusCode(200).body("waba_id", hasItem(ids.waba))
                .body("status", everyItem(is("failed")));
        given().when().get("/v1/wabas?status=provisioned").then().statusCode(200).body("waba_id", not(hasItem(ids.waba)));

        // Once the cause is fixed, ops retry: the sequence resumes at the failed step.
        given().when().post("/v1/wabas/{id}/retry", ids.waba).then().statusCode(200).body("status", is("provisioning"));
        awaitStatus(ids.waba, "provisioned");
        assertEquals(1, emulator().count("subscribe_app", ids.waba));
        assertEquals(2, emulator().count("register", ids.phone));
    }

    @Test
    void aBadParameterFailsPermanentlyAtItsStep() {
        Ids ids = Ids.fresh();
        emulator().failNextOn("subscribe_app", ids.waba, 1, 400, 100);

        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, "token"));

        JsonPath waba = awaitStatus(ids.waba, "failed");
        assertEquals("subscribe_app", waba.getString("current_step"));
        assertEquals(100, waba.getInt("last_error.code"));
        assertEquals(1, emulator().count("subscribe_app", ids.waba));
        assertEquals(0, emulator().count("share_credit_line", ids.waba));
    }

    @Test
    void partnerRemovedRevokesTheCreditSharingAndOffboardsTheWaba() {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, false);
        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, "token"));
        String allocation = awaitStatus(ids.waba, "provisioned").getString("allocation_config_id");

        // Meta's entry.time has whole seconds; a removal must be newer than the signup to apply (AccountLifecycleTest).
        Instant removedAt = Instant.now().plusSeconds(2);
        InputTopics.send(Topics.META_WEBHOOK_EVENTS, ids.waba, InputTopics.accountUpdate(ids.waba, "PARTNER_REMOVED", null, removedAt));

        JsonPath waba = awaitStatus(ids.waba, "offboarded");
        assertEquals("revoked", waba.getString("credit_sharing"));
        assertEquals(1, emulator().count("revoke_allocation", allocation));
        JsonNode offboarded = read(awaitEvent(ProvisioningEventTypes.WABA_OFFBOARDED, ids.waba)).path("data");
        assertEquals("revoked", offboarded.path("credit_sharing").asText());
        assertEquals("PARTNER_REMOVED", offboarded.path("reason").asText());

        InputTopics.send(Topics.META_WEBHOOK_EVENTS, ids.waba,
                InputTopics.accountUpdate(ids.waba, "PARTNER_REMOVED", null, removedAt.plusSeconds(1)));
        awaitUpdateRecorded(ids.waba, "PARTNER_REMOVED");
        assertEquals(1, emulator().count("revoke_allocation", allocation), "a second removal revokes nothing");
    }

    @Test
    void violationsAndRestrictionsAreRecordedAndAnnounced() {
        Ids ids = Ids.fresh();
        CloudEvent<?> violation = InputTopics.accountUpdate(ids.waba, "ACCOUNT_VIOLATION");

        InputTopics.send(Topics.META_WEBHOOK_EVENTS, ids.waba, violation);
        InputTopics.send(Topics.META_WEBHOOK_EVENTS, ids.waba, InputTopics.metaChange(ids.waba, "phone_number_quality_update", null,
                InputTopics.JSON.createObjectNode().put("display_phone_number", "15550100").put("event", "FLAGGED")));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/v1/wabas/{id}", ids.waba).then()
                .statusCode(200)
                .body("status", is("observed"))
                .body("account_status.event", is("ACCOUNT_VIOLATION"))
                .body("updates.phone_number_quality_update.value.event", is("FLAGGED")));
        JsonNode changed = read(awaitEvent(ProvisioningEventTypes.WABA_STATUS_CHANGED, ids.waba)).path("data");
        assertEquals("ACCOUNT_VIOLATION", changed.path("event").asText());
        assertEquals(ids.waba, changed.path("details").path("waba_info").path("waba_id").asText());
    }

    @Test
    void aTokenThatDoesNotOpenIsDeadLetteredWithoutBlockingLaterEvents() {
        Ids bad = Ids.fresh();
        CloudEvent<SignupCompleted> good = InputTopics.signup(bad.waba + "-good", bad.business, null, "token");
        CloudEvent<SignupCompleted> forged = InputTopics.signup(bad.waba, bad.business, null, "token");
        SignupCompleted data = forged.data();
        // Sealed for another signup: the associated data does not match, so it must not open.
        CloudEvent<SignupCompleted> tampered = CloudEvent.of(forged.id(), forged.source(), forged.type(), forged.subject(), forged.time(),
                new SignupCompleted(UUID.randomUUID().toString(), data.hubId(), data.wabaId(), data.phoneNumberId(), data.businessId(),
                        data.finishType(), data.businessToken(), data.completedAt(), null, null));

        InputTopics.sendSignup(tampered);
        InputTopics.sendRaw(Topics.SIGNUP_EVENTS, bad.waba, "{not json");
        InputTopics.sendSignup(good);

        assertEquals("no_number", awaitStatus(bad.waba + "-good", "provisioned").getString("phone_registration"));
        given().when().get("/v1/wabas/{id}", bad.waba).then().statusCode(404).contentType("application/problem+json");
        List<ConsumerRecord<String, String>> letters = TopicReader.await(Topics.PROVISIONING_DEAD_LETTERS,
                r -> bad.waba.equals(r.key()), 2, Duration.ofSeconds(10));
        assertTrue(letters.stream().anyMatch(r -> r.value().contains("token_unreadable")));
        assertTrue(letters.stream().anyMatch(r -> r.value().contains("unreadable_event")));
    }

    @Test
    void aTokenSealedUnderAnotherHubsRingOrAsAChannelKeyIsDeadLetteredAndNotApplied() {
        Ids ids = Ids.fresh();
        String ofAlphaAsSharing = ids.waba + "-a";
        String ofSharingAsAlpha = ids.waba + "-s";
        String channelKeyAsToken = ids.waba + "-c";
        KeyRing.Keys sharingRing = new KeyRing.Keys(ProvisionerTestResources.SHARING_TRANSPORT_KEY_ID,
                Map.of(ProvisionerTestResources.SHARING_TRANSPORT_KEY_ID, ProvisionerTestResources.SHARING_TRANSPORT_KEY));
        // Hub "sharing" has a ring of its own: alpha's (the default) ring does not open its tokens, nor the reverse,
        // even when the associated data names the hub the event claims.
        KeyRing alphaKeysForEveryHub = new KeyRing(KeyRing.Purpose.BUSINESS_TOKEN, InputTopics.DEFAULT_RING, Map.of());
        KeyRing sharingKeysForEveryHub = new KeyRing(KeyRing.Purpose.BUSINESS_TOKEN, sharingRing, Map.of());
        InputTopics.sendSignup(resealed(InputTopics.signupOfHub("sharing", ofAlphaAsSharing, ids.business, null, "token", "FINISH", null),
                (hub, signup) -> alphaKeysForEveryHub.seal(hub, signup, "token")));
        InputTopics.sendSignup(resealed(InputTopics.signupOfHub("alpha", ofSharingAsAlpha, ids.business, null, "token", "FINISH", null),
                (hub, signup) -> sharingKeysForEveryHub.seal(hub, signup, "token")));
        // The right ring and ids, but sealed as a channel key: another purpose.
        KeyRing channelKeysUnderTheTokenRing = new KeyRing(KeyRing.Purpose.CHANNEL_KEY, InputTopics.DEFAULT_RING, Map.of());
        InputTopics.sendSignup(resealed(InputTopics.signupOfHub("alpha", channelKeyAsToken, ids.business, null, "token", "FINISH", null),
                (hub, signup) -> channelKeysUnderTheTokenRing.seal(hub, signup, "token")));
        CloudEvent<SignupCompleted> good = InputTopics.signupOfHub("alpha", ids.waba, ids.business, null, "token", "FINISH", null);
        InputTopics.sendSignup(good);

        awaitStatus(ids.waba, "provisioned");
        for (String waba : List.of(ofAlphaAsSharing, ofSharingAsAlpha, channelKeyAsToken)) {
            List<ConsumerRecord<String, String>> letters = TopicReader.await(Topics.PROVISIONING_DEAD_LETTERS,
                    r -> waba.equals(r.key()), 1, Duration.ofSeconds(10));
            assertTrue(letters.get(0).value().contains("token_unreadable"), waba + " is dead-lettered as unreadable");
            given().when().get("/v1/wabas/{id}", waba).then().statusCode(404);
            assertEquals(0, emulator().count("subscribe_app", waba), waba + " is never provisioned");
        }
    }

    private static CloudEvent<SignupCompleted> resealed(CloudEvent<SignupCompleted> event,
            java.util.function.BiFunction<String, String, EncryptedSecret> seal) {
        SignupCompleted d = event.data();
        return CloudEvent.of(event.id(), event.source(), event.type(), event.subject(), event.time(),
                new SignupCompleted(d.signupId(), d.hubId(), d.wabaId(), d.phoneNumberId(), d.businessId(), d.finishType(),
                        seal.apply(d.hubId(), d.signupId()), d.completedAt(), d.signupSessionId(), d.customerReference()));
    }

    @Test
    void theOpsApiAnswersProblemsForUnknownWabasRetriesOfHealthyOnesAndBadFilters() {
        given().when().get("/v1/wabas/{id}", "no-such-waba").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("type", notNullValue());
        given().when().get("/v1/wabas?status=sideways").then().statusCode(400).contentType("application/problem+json");
        given().when().post("/v1/wabas/{id}/retry", "no-such-waba").then().statusCode(404);

        Ids ids = Ids.fresh();
        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, null, "token"));
        awaitStatus(ids.waba, "provisioned");
        given().when().post("/v1/wabas/{id}/retry", ids.waba).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void noTokenOrPinEverReachesTheLogOrTheOpsApi() throws Exception {
        Ids ids = Ids.fresh();
        emulator().seed(ids.waba, ids.business, ids.phone, false);
        String token = "secret-business-token-" + UUID.randomUUID();
        InputTopics.sendSignup(InputTopics.signup(ids.waba, ids.business, ids.phone, token));
        String body = awaitStatus(ids.waba, "provisioned").prettify();

        String pin = emulator().calls("register", ids.phone).get(0).path("body").asText().replaceAll(".*\"pin\":\"(\\d{6})\".*", "$1");
        String log = Files.readString(Path.of("target/waba-provisioner-test.log"));
        assertFalse(log.contains(token), "the log holds the business token");
        assertFalse(body.contains(token));
        assertFalse(log.contains("\"pin\":\"" + pin), "the log holds the PIN");
        assertFalse(body.contains(pin));
        given().when().get(Management.url("/q/openapi")).then().statusCode(200);
        given().accept(ContentType.TEXT).when().get(Management.url("/q/metrics")).then().statusCode(200);
    }

    /** The sync types Meta took on for the WABA's first number, as the emulator's state shows them. */
    private List<String> appDataSyncs(String wabaId) {
        List<String> types = new java.util.ArrayList<>();
        emulator().waba(wabaId).path("phone_numbers").path(0).path("app_data_syncs").forEach(t -> types.add(t.asText()));
        return types;
    }

    static JsonPath awaitStatus(String wabaId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                .when().get("/v1/wabas/{id}", wabaId).then().statusCode(200).body("status", is(status)));
        return given().when().get("/v1/wabas/{id}", wabaId).then().extract().jsonPath();
    }

    static void awaitUpdateRecorded(String wabaId, String update) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/v1/wabas/{id}", wabaId).then()
                .body("updates." + update, notNullValue()));
    }

    static ConsumerRecord<String, String> awaitEvent(String type, String wabaId) {
        return TopicReader.await(Topics.PROVISIONING_EVENTS, r -> wabaId.equals(r.key()) && r.value().contains(type), 1,
                Duration.ofSeconds(15)).get(0);
    }

    static JsonNode read(ConsumerRecord<String, String> record) {
        try {
            return InputTopics.JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    record Ids(String waba, String business, String phone) {
        static Ids fresh() {
            String n = UUID.randomUUID().toString().substring(0, 8);
            return new Ids("waba-" + n, "business-" + n, "phone-" + n);
        }
    }
}

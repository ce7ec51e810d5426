package com.bsp.onboarding.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider core without a transport: when calls take effect, and the Embedded Signup codes. */
class ProviderCoreTest {

    private final ProviderCore core = new ProviderCore(new ProviderSettings("app", "secret", "system", "line-1", Duration.ofMillis(300)));

    private static ProviderRequest get(String pathAndQuery, Map<String, String> headers) {
        String[] parts = pathAndQuery.split("\\?", 2);
        return new ProviderRequest("GET", parts[0], parts.length > 1 ? parts[1] : null, headers, null);
    }

    private static ProviderRequest post(String path, String body) {
        return new ProviderRequest("POST", path, null, Map.of("authorization", "Bearer t"), body.getBytes(StandardCharsets.UTF_8));
    }

    private ProviderResponse exchange(String code) {
        return core.handle(get("/v23.0/oauth/access_token?client_id=app&client_secret=secret&code=" + code, Map.of())).complete();
    }

    @Test
    void aDelayedCallIsCountedAtOnceButTakesEffectOnlyWhenCompleted() {
        core.seed("waba-1", "business-1", "phone-1", false);
        core.latency("register", Duration.ofSeconds(2));

        PendingResponse pending = core.handle(post("/v23.0/phone-1/register", "{\"messaging_product\":\"whatsapp\",\"pin\":\"123456\"}"));

        assertEquals(Duration.ofSeconds(2), pending.latency());
        assertEquals(1, core.calls("register", "phone-1").path("count").asInt());
        assertFalse(core.waba("waba-1").orElseThrow().path("phone_numbers").path(0).path("registered").asBoolean());
        assertEquals(200, pending.complete().status());
        assertTrue(core.waba("waba-1").orElseThrow().path("phone_numbers").path(0).path("registered").asBoolean());
    }

    @Test
    void aFaultOnOneTargetLeavesTheOthersAlone() {
        core.addFault(FaultSpec.of("subscribe_app", "waba-3", 1L, null, 503, null, null, null));

        assertEquals(200, core.handle(post("/v23.0/waba-4/subscribed_apps", "")).complete().status());
        assertEquals(503, core.handle(post("/v23.0/waba-3/subscribed_apps", "")).complete().status());
        assertEquals(200, core.handle(post("/v23.0/waba-3/subscribed_apps", "")).complete().status());
        assertTrue(core.calls("subscribe_app", "waba-3").path("calls").path(0).path("fault").asBoolean());
        assertFalse(core.calls("subscribe_app", "waba-4").path("calls").path(0).path("fault").asBoolean());
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCase() {
        ProviderResponse answer = core.handle(post("/v23.0/waba-2/subscribed_apps", "")).complete();
        assertEquals(200, answer.status());
        assertEquals("Bearer t", core.calls("subscribe_app", "waba-2").path("calls").path(0).path("authorization").asText());
    }

    @Test
    void aCodeIsExchangedOnceCountedPerWabaAndAnnounced() {
        IssuedCode[] announced = new IssuedCode[1];
        core.onCodeExchanged(issued -> announced[0] = issued);
        IssuedCode issued = core.issueCode(null);

        ProviderResponse first = exchange(issued.code());
        ProviderResponse second = exchange(issued.code());

        assertEquals(200, first.status());
        assertEquals("bearer", first.body().path("token_type").asText());
        assertEquals(400, second.status());
        assertEquals(36009, second.body().path("error").path("error_subcode").asInt());
        assertEquals(2, core.calls("exchange_code", issued.wabaId()).path("count").asInt());
        assertEquals(issued, announced[0]);

        JsonNode debug = core.handle(get("/v23.0/debug_token?input_token=" + first.body().path("access_token").asText(),
                Map.of("Authorization", "Bearer system"))).complete().body();
        assertEquals(issued.wabaId(), debug.path("data").path("granular_scopes").path(0).path("target_ids").path(0).asText());
    }

    @Test
    void aCodeExpiresAfterItsLifetime() throws InterruptedException {
        IssuedCode issued = core.issueCode("app");
        Thread.sleep(400);

        ProviderResponse answer = exchange(issued.code());

        assertEquals(400, answer.status());
        assertEquals(100, answer.body().path("error").path("code").asInt());
        assertEquals(36007, answer.body().path("error").path("error_subcode").asInt());
    }

    @Test
    void aSlowCallOnOneTargetDelaysOnlyThatManyCallsOnIt() {
        core.slowNext("subscribe_app", "waba-5", 1, Duration.ofSeconds(4));

        assertEquals(Duration.ZERO, core.handle(post("/v23.0/waba-6/subscribed_apps", "")).latency());
        PendingResponse slow = core.handle(post("/v23.0/waba-5/subscribed_apps", ""));
        assertEquals(Duration.ofSeconds(4), slow.latency());
        assertEquals(Duration.ZERO, core.handle(post("/v23.0/waba-5/subscribed_apps", "")).latency());
        assertEquals(200, slow.complete().status(), "a slow call still takes effect");
    }

    @Test
    void aDroppedCallIsAnsweredWithoutAResponseAndLeavesTheCodeUnused() {
        IssuedCode issued = core.issueCode(null);
        core.addFault(FaultSpec.of("exchange_code", issued.wabaId(), 1L, null, null, null, null, true));

        assertTrue(exchange(issued.code()).drop());
        assertEquals(200, exchange(issued.code()).status());
    }

    @Test
    void theAdminApiIssuesCodesOfSignupsFinishedAWhileAgo() {
        EmulatorAdminActions admin = new EmulatorAdminActions(core);

        ProviderResponse fresh = admin.handle("POST", "codes", null, "{}".getBytes(StandardCharsets.UTF_8));
        ProviderResponse old = admin.handle("POST", "codes", null, "{\"age_ms\":1000}".getBytes(StandardCharsets.UTF_8));

        assertEquals(201, fresh.status());
        IssuedCode issued = IssuedCode.fromJson(fresh.body());
        assertEquals("app", issued.appId());
        assertEquals(200, exchange(issued.code()).status());
        ProviderResponse expired = exchange(IssuedCode.fromJson(old.body()).code());
        assertEquals(400, expired.status());
        assertEquals(36007, expired.body().path("error").path("error_subcode").asInt());
    }

    private JsonNode debugToken(String businessToken) {
        return core.handle(get("/v23.0/debug_token?input_token=" + businessToken, Map.of("Authorization", "Bearer system")))
                .complete().body().path("data").path("granular_scopes");
    }

    @Test
    void tokensCarryTheScopeNamesOfTheirTimeAndNoTargetsWhenAskedTo() {
        IssuedCode now = core.issueCode(null);
        IssuedCode before = core.issueCode(null, SignupOptions.defaults().withScopes(TokenScopes.MANAGEMENT));
        core.defaultTokenScopes(TokenScopes.NO_TARGETS);
        IssuedCode untargeted = core.issueCode(null);

        JsonNode current = debugToken(exchange(now.code()).body().path("access_token").asText());
        JsonNode old = debugToken(exchange(before.code()).body().path("access_token").asText());
        JsonNode none = debugToken(exchange(untargeted.code()).body().path("access_token").asText());

        assertEquals("whatsapp_business_manage_events", current.path(0).path("scope").asText());
        assertEquals(now.wabaId(), current.path(0).path("target_ids").path(0).asText());
        assertEquals("whatsapp_business_management", old.path(0).path("scope").asText());
        assertEquals(before.wabaId(), old.path(0).path("target_ids").path(0).asText());
        assertFalse(none.path(0).has("target_ids"));
        core.reset();
        assertEquals(TokenScopes.MANAGE_EVENTS, core.defaultTokenScopes(), "a reset restores the configured default");
    }

    @Test
    void aTokenGrantedAnotherWabaListsThatOneAndIsRefusedTheNamedOne() {
        IssuedCode issued = core.issueCode(null, SignupOptions.defaults().reachingOtherWaba());
        String token = exchange(issued.code()).body().path("access_token").asText();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);

        assertEquals(issued.reachableWabaId(), debugToken(token).path(0).path("target_ids").path(0).asText());
        ProviderResponse named = core.handle(get("/v23.0/" + issued.wabaId() + "/phone_numbers", bearer)).complete();
        ProviderResponse reachable = core.handle(get("/v23.0/" + issued.reachableWabaId() + "/phone_numbers", bearer)).complete();

        assertEquals(400, named.status());
        assertEquals(100, named.body().path("error").path("code").asInt());
        assertEquals(33, named.body().path("error").path("error_subcode").asInt());
        assertEquals(200, reachable.status());
    }

    @Test
    void eachFinishPostsTheMessageOfItsFlow() {
        JsonNode normal = core.issueCode(null).finishMessage();
        JsonNode coexistence = core.issueCode(null, SignupOptions.defaults().withFlow(SignupFlow.COEXISTENCE)).finishMessage();
        IssuedCode unreported = core.issueCode(null, SignupOptions.defaults().withFlow(SignupFlow.NUMBER_NOT_REPORTED));
        IssuedCode numberless = core.issueCode(null, SignupOptions.defaults().withFlow(SignupFlow.NO_NUMBER));

        assertEquals("FINISH", normal.path("event").asText());
        assertTrue(normal.path("data").hasNonNull("phone_number_id"));
        assertEquals("FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING", coexistence.path("event").asText());
        assertFalse(coexistence.path("data").has("phone_number_id"));
        assertFalse(unreported.finishMessage().path("data").has("phone_number_id"));
        assertEquals(unreported.phoneNumberId(),
                core.waba(unreported.wabaId()).orElseThrow().path("phone_numbers").path(0).path("id").asText(), "the WABA has it");
        assertEquals(null, numberless.phoneNumberId());
        assertEquals(0, core.waba(numberless.wabaId()).orElseThrow().path("phone_numbers").size());
    }

    private static final String REGISTER = "{\"messaging_product\":\"whatsapp\",\"pin\":\"123456\"}";

    private ProviderResponse sync(String phone, String syncType) {
        return core.handle(post("/v23.0/" + phone + "/smb_app_data",
                "{\"messaging_product\":\"whatsapp\",\"sync_type\":\"" + syncType + "\"}")).complete();
    }

    @Test
    void aWhatsAppBusinessAppNumberIsOnCloudApiButCannotBeRegistered() {
        core.seedAppNumber("waba-a", "business-a", "phone-a");

        JsonNode number = core.handle(get("/v23.0/waba-a/phone_numbers", Map.of("Authorization", "Bearer t"))).complete()
                .body().path("data").path(0);
        ProviderResponse register = core.handle(post("/v23.0/phone-a/register", REGISTER)).complete();

        assertEquals("phone-a", number.path("id").asText());
        assertTrue(number.path("is_on_biz_app").asBoolean());
        assertEquals("CLOUD_API", number.path("platform_type").asText());
        assertEquals(400, register.status());
        assertEquals(100, register.body().path("error").path("code").asInt());
        assertFalse(core.waba("waba-a").orElseThrow().path("phone_numbers").path(0).path("registered").asBoolean());
        assertEquals(1, core.calls("register", "phone-a").path("count").asInt());
    }

    @Test
    void aWabaWithoutANumberListsNone() {
        core.seed("waba-n", "business-n", null, false);

        JsonNode numbers = core.handle(get("/v23.0/waba-n/phone_numbers", Map.of("Authorization", "Bearer t"))).complete().body();

        assertEquals(0, numbers.path("data").size());
        assertTrue(numbers.path("data").isArray());
        assertEquals("business-n", core.waba("waba-n").orElseThrow().path("business_id").asText());
    }

    @Test
    void contactsAndHistoryOfACoexistenceNumberAreSyncedOnceEach() {
        core.seedAppNumber("waba-s", "business-s", "phone-s");

        ProviderResponse contacts = sync("phone-s", "smb_app_state_sync");
        ProviderResponse history = sync("phone-s", "history");
        ProviderResponse again = sync("phone-s", "history");

        assertEquals(200, contacts.status());
        assertEquals("whatsapp", contacts.body().path("messaging_product").asText());
        assertFalse(contacts.body().path("request_id").asText().isEmpty());
        assertEquals(200, history.status());
        assertEquals(400, again.status());
        assertEquals(GraphAccounts.SYNC_ALREADY_REQUESTED_SUBCODE, again.body().path("error").path("error_subcode").asInt());
        assertEquals(3, core.calls("sync_smb_app_data", "phone-s").path("count").asInt());
        assertEquals("[\"history\",\"smb_app_state_sync\"]",
                core.waba("waba-s").orElseThrow().path("phone_numbers").path(0).path("app_data_syncs").toString());
    }

    @Test
    void onlyCoexistenceNumbersAndKnownSyncTypesAreSynced() {
        core.seed("waba-r", "business-r", "phone-r", true);
        core.seedAppNumber("waba-t", "business-t", "phone-t");

        ProviderResponse notOnApp = sync("phone-r", "smb_app_state_sync");
        ProviderResponse unknownType = sync("phone-t", "everything");

        assertEquals(400, notOnApp.status());
        assertEquals(100, notOnApp.body().path("error").path("code").asInt());
        assertEquals(400, unknownType.status());
        assertEquals(0, core.waba("waba-t").orElseThrow().path("phone_numbers").path(0).path("app_data_syncs").size());
    }

    @Test
    void aFaultedSyncTakesNoEffectSoItsRetrySucceeds() {
        core.seedAppNumber("waba-f", "business-f", "phone-f");
        core.addFault(FaultSpec.of("sync_smb_app_data", "phone-f", 1L, null, 503, null, null, null));

        assertEquals(503, sync("phone-f", "smb_app_state_sync").status());
        assertEquals(200, sync("phone-f", "smb_app_state_sync").status());
    }

    @Test
    void theAdminApiSeedsAppNumbersAndShowsAWaba() {
        EmulatorAdminActions admin = new EmulatorAdminActions(core);

        ProviderResponse seeded = admin.handle("POST", "seed", null,
                "{\"waba_id\":\"waba-x\",\"business_id\":\"b-x\",\"phone_number_id\":\"phone-x\",\"on_biz_app\":true}"
                        .getBytes(StandardCharsets.UTF_8));
        ProviderResponse state = admin.handle("GET", "waba", "id=waba-x", null);

        assertEquals(204, seeded.status());
        assertEquals(200, state.status());
        assertTrue(state.body().path("phone_numbers").path(0).path("is_on_biz_app").asBoolean());
        assertEquals(404, admin.handle("GET", "waba", "id=nowhere", null).status());
    }
}

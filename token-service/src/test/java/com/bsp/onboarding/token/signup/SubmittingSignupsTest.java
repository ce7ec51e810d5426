package com.bsp.onboarding.token.signup;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.token.support.Graph.debugTokenCallOf;
import static com.bsp.onboarding.token.support.Graph.emulator;
import static com.bsp.onboarding.token.support.Graph.exchangeElsewhere;
import static com.bsp.onboarding.token.support.Graph.exchangesOf;
import static com.bsp.onboarding.token.support.Graph.signup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.KeyRing;
import com.bsp.onboarding.contracts.crypto.SecretSealer;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.token.support.Graph.DebugTokenCall;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubmittingSignupsTest {

    /** What the hub's page posts after the customer finished Embedded Signup. */
    static ValidatableResponse submit(String apiKey, IssuedCode signup) {
        return submit(apiKey, signup.code(), signup.wabaId(), signup.phoneNumberId(), signup.businessId());
    }

    /** The same with another WABA than the signup's, as a tampered or mistaken page would report it. */
    static ValidatableResponse submit(String apiKey, String code, String wabaId) {
        return submit(apiKey, code, wabaId, "106540352242922", "2329417887457253");
    }

    private static ValidatableResponse submit(String apiKey, String code, String wabaId, String phoneNumberId, String businessId) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON)
                .body(Map.of("code", code, "waba_id", wabaId, "phone_number_id", phoneNumberId,
                        "business_id", businessId, "finish_type", "FINISH"))
                .when().post("/v1/signups").then();
    }

    @Test
    void exchangesTheCodeConfirmsTheWabaAndKeepsTheTokenSealed() throws Exception {
        IssuedCode signup = signup();
        String code = signup.code();

        String id = submit(TokenServiceTestResources.ALPHA_KEY, signup)
                .statusCode(201)
                .body("status", equalTo("completed"))
                .body("waba_id", equalTo(signup.wabaId()))
                .body("finish_type", equalTo("FINISH"))
                .extract().path("id");
        assertEquals(1, exchangesOf(signup));
        DebugTokenCall scopeCheck = debugTokenCallOf(signup);
        assertEquals("Bearer system-user-token-for-tests", scopeCheck.authorization(),
                "the token's scopes are read with the System User token");
        String token = scopeCheck.businessToken();

        List<Map<String, Object>> rows = TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT * FROM signups WHERE id = ?::uuid", id);
        String stored = rows.get(0).toString();
        assertFalse(stored.contains(token), "the database never holds the token in plain text");
        assertFalse(stored.contains(code), "nor the code");
        assertEquals("s2", rows.get(0).get("token_key_id"), "sealed with the current storage key");
        assertEquals(token, storageSealer().open(new EncryptedSecret("s2", (String) rows.get(0).get("token_ciphertext")), id));

        ConsumerRecord<String, String> record = TopicReader.await(Topics.SIGNUP_EVENTS, r -> r.value().contains(id), 1,
                Duration.ofSeconds(20)).get(0);
        assertEquals(signup.wabaId(), record.key());
        assertFalse(record.value().contains(token), "the event carries the token sealed only");
        CloudEvent<SignupCompleted> event = EventJson.newMapper().readValue(record.value(),
                new TypeReference<CloudEvent<SignupCompleted>>() { });
        assertEquals(signup.phoneNumberId(), event.data().phoneNumberId());
        assertEquals(token, transportKeys().open("alpha", id, event.data().businessToken()),
                "waba-provisioner opens it with the shared transport key, as alpha's business token of this signup");

        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).when().get("/v1/signups/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("completed"));
    }

    @Test
    void aHubWithATransportRingOfItsOwnSealsItsTokensWithItAndNoOtherRingOrHubOpensThem() throws Exception {
        IssuedCode signup = signup();
        String id = submit(TokenServiceTestResources.BETA_KEY, signup).statusCode(201).extract().path("id");
        String token = debugTokenCallOf(signup).businessToken();
        ConsumerRecord<String, String> record = TopicReader.await(Topics.SIGNUP_EVENTS, r -> r.value().contains(id), 1,
                Duration.ofSeconds(20)).get(0);
        EncryptedSecret sealed = EventJson.newMapper().readValue(record.value(),
                new TypeReference<CloudEvent<SignupCompleted>>() { }).data().businessToken();

        assertEquals("b1", sealed.keyId(), "sealed with beta's own ring");
        assertEquals(token, transportKeys().open("beta", id, sealed));
        assertThrows(SecretSealer.SecretUnreadableException.class, () -> transportKeys().open("alpha", id, sealed),
                "not as another hub's token");
        assertThrows(SecretSealer.SecretUnreadableException.class,
                () -> new KeyRing(KeyRing.Purpose.BUSINESS_TOKEN, defaultTransportRing(), Map.of()).open("beta", id, sealed),
                "the default ring opens no token of beta");
        assertThrows(SecretSealer.SecretUnreadableException.class,
                () -> new KeyRing(KeyRing.Purpose.CHANNEL_KEY, defaultTransportRing(), transportKeysOfBeta()).open("beta", id, sealed),
                "nor does beta's ring open it as a channel key");
    }

    @Test
    void answersAResubmittedCodeWithTheFirstResultAndNoSecondExchange() {
        IssuedCode signup = signup();

        String first = submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(201).extract().path("id");
        submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(200).body("id", equalTo(first));
        submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(200).body("id", equalTo(first));

        assertEquals(1, exchangesOf(signup), "Meta would refuse a second exchange with 36009");
        submit(TokenServiceTestResources.BETA_KEY, signup).statusCode(409)
                .body("type", equalTo("urn:bsp-onboarding:problem:code-already-used"));
    }

    @Test
    void refusesACodeGraphHasSeenUsed() {
        IssuedCode signup = signup();
        exchangeElsewhere(signup);
        submit(TokenServiceTestResources.ALPHA_KEY, signup)
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:code-already-used"));
        assertEquals(2, exchangesOf(signup), "Graph answered token-service's exchange with 100/36009");
    }

    @Test
    void refusesAnExpiredCode() {
        IssuedCode signup = emulator().issueCode(Duration.ofSeconds(31));
        submit(TokenServiceTestResources.ALPHA_KEY, signup)
                .statusCode(410).body("type", equalTo("urn:bsp-onboarding:problem:code-expired"));
        submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(410);
        assertEquals(1, exchangesOf(signup), "a final refusal is remembered, not asked again");
    }

    @Test
    void refusesATokenThatDoesNotManageTheReportedWabaAndDiscardsIt() {
        IssuedCode signup = signup();

        submit(TokenServiceTestResources.ALPHA_KEY, signup.code(), "700000000000030")
                .statusCode(403).body("type", equalTo("urn:bsp-onboarding:problem:waba-not-granted"));

        List<Map<String, Object>> rows = TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT status, token_ciphertext FROM signups WHERE waba_id = '700000000000030'");
        assertEquals("failed", rows.get(0).get("status"));
        assertEquals(null, rows.get(0).get("token_ciphertext"), "a token for the wrong WABA is not kept");
    }

    @Test
    void reportsGraphServerErrorsWithoutRetryingTheExchangeAndLetsTheCodeBeSubmittedAgain() {
        IssuedCode signup = signup();
        emulator().failNextOn("exchange_code", signup.wabaId(), 1, 500, 2);

        submit(TokenServiceTestResources.ALPHA_KEY, signup)
                .statusCode(503).header("Retry-After", equalTo("1"))
                .body("type", equalTo("urn:bsp-onboarding:problem:graph-unavailable"));
        assertEquals(1, exchangesOf(signup), "a 5xx may have used the code: never retried blindly");

        submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(201);
        assertEquals(2, exchangesOf(signup));
    }

    @Test
    void reportsAGraphTimeoutWithinTheDeadline() {
        IssuedCode signup = signup();
        emulator().latencyMillisOn("exchange_code", signup.wabaId(), 1, 4_000);
        long start = System.nanoTime();
        submit(TokenServiceTestResources.ALPHA_KEY, signup)
                .statusCode(503).body("type", equalTo("urn:bsp-onboarding:problem:graph-unavailable"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3_500, "answered within the deadline");
        assertEquals(1, exchangesOf(signup));
    }

    @Test
    void reportsADroppedConnectionWithoutRetryingTheExchange() {
        IssuedCode signup = signup();
        emulator().dropNextOn("exchange_code", signup.wabaId(), 1);
        submit(TokenServiceTestResources.ALPHA_KEY, signup)
                .statusCode(503).body("type", equalTo("urn:bsp-onboarding:problem:graph-unavailable"));
        assertEquals(1, exchangesOf(signup), "the request reached Graph: it may have used the code");
    }

    @Test
    void refusesInvalidInputWithoutAskingGraph() {
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON)
                .body(Map.of("waba_id", "not-numeric", "phone_number_id", "x1", "finish_type", "finish"))
                .when().post("/v1/signups")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("code", "waba_id", "phone_number_id", "finish_type"));
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON)
                .body("{\"code\":\"c\",\"waba_id\":\"1\",\"surprise\":true}")
                .when().post("/v1/signups")
                .then().log().ifValidationFails().statusCode(400).body("errors.field", contains("surprise"));
    }

    @Test
    void requiresAnApiKeyAndHidesOtherHubsSignups() {
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/signups").then().statusCode(401)
                .contentType("application/problem+json");
        String id = submit(TokenServiceTestResources.ALPHA_KEY, signup()).statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + TokenServiceTestResources.BETA_KEY).when().get("/v1/signups/{id}", id)
                .then().statusCode(404);
    }

    @Test
    void neverLogsCodesTokensOrSecrets() throws Exception {
        IssuedCode refused = signup();
        String code = refused.code();
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000080").statusCode(403);
        String token = debugTokenCallOf(refused).businessToken();
        IssuedCode dropped = signup();
        String failing = dropped.code();
        emulator().dropNextOn("exchange_code", dropped.wabaId(), 1);
        submit(TokenServiceTestResources.ALPHA_KEY, dropped).statusCode(503);

        String log = Files.readString(Path.of("target", "token-service-test.log"));
        assertTrue(log.contains("refused"), "the log file is the service's");
        for (String secret : List.of(code, token, failing, "app-secret-for-tests", "system-user-token-for-tests",
                TokenServiceTestResources.ALPHA_KEY)) {
            assertFalse(log.contains(secret), "the log must not contain " + secret.substring(0, 8) + "...");
        }
        String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(token) || metrics.contains(code), "nor the metrics");
    }

    private static SecretSealer storageSealer() {
        return new SecretSealer("s2", Map.of("s1", property("token.storage-keys.keys.s1"), "s2", property("token.storage-keys.keys.s2")));
    }

    private static KeyRing.Keys defaultTransportRing() {
        return new KeyRing.Keys("t1", Map.of("t1", property("token.transport-keys.keys.t1")));
    }

    /** waba-provisioner's business-token rings: the default one, and beta's own. */
    private static KeyRing transportKeys() {
        return new KeyRing(KeyRing.Purpose.BUSINESS_TOKEN, defaultTransportRing(), transportKeysOfBeta());
    }

    private static Map<String, KeyRing.Keys> transportKeysOfBeta() {
        return Map.of("beta", new KeyRing.Keys("b1", Map.of("b1", property("token.transport-keys.hubs.beta.keys.b1"))));
    }

    private static String property(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}

package com.bsp.onboarding.token.signup;

import static com.bsp.onboarding.token.support.Graph.codeAnswers;
import static com.bsp.onboarding.token.support.Graph.codeGivesToken;
import static com.bsp.onboarding.token.support.Graph.exchangesOf;
import static com.bsp.onboarding.token.support.Graph.graphError;
import static com.bsp.onboarding.token.support.Graph.tokenManages;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.SecretSealer;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.fasterxml.jackson.core.type.TypeReference;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubmittingSignupsTest {

    static ValidatableResponse submit(String apiKey, String code, String wabaId) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON)
                .body(Map.of("code", code, "waba_id", wabaId, "phone_number_id", "106540352242922",
                        "business_id", "2329417887457253", "finish_type", "FINISH"))
                .when().post("/v1/signups").then();
    }

    @Test
    void exchangesTheCodeConfirmsTheWabaAndKeepsTheTokenSealed() throws Exception {
        String code = "AQB-" + UUID.randomUUID();
        String token = "EAAG-business-token-" + UUID.randomUUID();
        codeGivesToken(code, token);
        tokenManages(token, "700000000000001", "700000000000002");

        String id = submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000002")
                .statusCode(201)
                .body("status", equalTo("completed"))
                .body("waba_id", equalTo("700000000000002"))
                .body("finish_type", equalTo("FINISH"))
                .extract().path("id");
        assertEquals(1, exchangesOf(code));

        List<Map<String, Object>> rows = TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT * FROM signups WHERE id = ?::uuid", id);
        String stored = rows.get(0).toString();
        assertFalse(stored.contains(token), "the database never holds the token in plain text");
        assertFalse(stored.contains(code), "nor the code");
        assertEquals("s2", rows.get(0).get("token_key_id"), "sealed with the current storage key");
        assertEquals(token, storageSealer().open(new EncryptedSecret("s2", (String) rows.get(0).get("token_ciphertext")), id));

        ConsumerRecord<String, String> record = TopicReader.await(Topics.SIGNUP_EVENTS, r -> r.value().contains(id), 1,
                Duration.ofSeconds(20)).get(0);
        assertEquals("700000000000002", record.key());
        assertFalse(record.value().contains(token), "the event carries the token sealed only");
        CloudEvent<SignupCompleted> event = EventJson.newMapper().readValue(record.value(),
                new TypeReference<CloudEvent<SignupCompleted>>() { });
        assertEquals("106540352242922", event.data().phoneNumberId());
        assertEquals(token, transportSealer().open(event.data().businessToken(), id),
                "waba-provisioner opens it with the shared transport key");

        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).when().get("/v1/signups/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("completed"));
    }

    @Test
    void answersAResubmittedCodeWithTheFirstResultAndNoSecondExchange() {
        String code = "AQB-" + UUID.randomUUID();
        String token = "EAAG-" + UUID.randomUUID();
        codeGivesToken(code, token);
        tokenManages(token, "700000000000010");

        String first = submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000010").statusCode(201).extract().path("id");
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000010").statusCode(200).body("id", equalTo(first));
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000010").statusCode(200).body("id", equalTo(first));

        assertEquals(1, exchangesOf(code), "Meta would refuse a second exchange with 36009");
        submit(TokenServiceTestResources.BETA_KEY, code, "700000000000010").statusCode(409)
                .body("type", equalTo("urn:bsp-onboarding:problem:code-already-used"));
    }

    @Test
    void refusesAUsedCode() {
        String code = "AQB-" + UUID.randomUUID();
        codeAnswers(code, graphError(400, 100, 36009, "This authorization code has been used."));
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000020")
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:code-already-used"));
    }

    @Test
    void refusesAnExpiredCode() {
        String code = "AQB-" + UUID.randomUUID();
        codeAnswers(code, graphError(400, 100, 36007, "This authorization code has expired."));
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000021")
                .statusCode(410).body("type", equalTo("urn:bsp-onboarding:problem:code-expired"));
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000021").statusCode(410);
        assertEquals(1, exchangesOf(code), "a final refusal is remembered, not asked again");
    }

    @Test
    void refusesATokenThatDoesNotManageTheReportedWabaAndDiscardsIt() {
        String code = "AQB-" + UUID.randomUUID();
        String token = "EAAG-" + UUID.randomUUID();
        codeGivesToken(code, token);
        tokenManages(token, "700000000000031");

        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000030")
                .statusCode(403).body("type", equalTo("urn:bsp-onboarding:problem:waba-not-granted"));

        List<Map<String, Object>> rows = TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT status, token_ciphertext FROM signups WHERE waba_id = '700000000000030'");
        assertEquals("failed", rows.get(0).get("status"));
        assertEquals(null, rows.get(0).get("token_ciphertext"), "a token for the wrong WABA is not kept");
    }

    @Test
    void reportsGraphServerErrorsWithoutRetryingTheExchangeAndLetsTheCodeBeSubmittedAgain() {
        String code = "AQB-" + UUID.randomUUID();
        codeAnswers(code, serverError().withBody("{\"error\":{\"code\":2,\"message\":\"Service temporarily unavailable\"}}"));

        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000040")
                .statusCode(503).header("Retry-After", equalTo("1"))
                .body("type", equalTo("urn:bsp-onboarding:problem:graph-unavailable"));
        assertEquals(1, exchangesOf(code), "a 5xx may have used the code: never retried blindly");

        String token = "EAAG-" + UUID.randomUUID();
        codeGivesToken(code, token);
        tokenManages(token, "700000000000040");
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000040").statusCode(201);
        assertEquals(2, exchangesOf(code));
    }

    @Test
    void reportsAGraphTimeoutWithinTheDeadline() {
        String code = "AQB-" + UUID.randomUUID();
        codeAnswers(code, aResponse().withFixedDelay(4_000).withStatus(200).withBody("{\"access_token\":\"late\"}"));
        long start = System.nanoTime();
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000050")
                .statusCode(503).body("type", equalTo("urn:bsp-onboarding:problem:graph-unavailable"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3_500, "answered within the deadline");
        assertEquals(1, exchangesOf(code));
    }

    @Test
    void reportsADroppedConnectionWithoutRetryingTheExchange() {
        String code = "AQB-" + UUID.randomUUID();
        codeAnswers(code, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000060")
                .statusCode(503).body("type", equalTo("urn:bsp-onboarding:problem:graph-unavailable"));
        assertEquals(1, exchangesOf(code), "the request reached Graph: it may have used the code");
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
        String code = "AQB-" + UUID.randomUUID();
        String token = "EAAG-" + UUID.randomUUID();
        codeGivesToken(code, token);
        tokenManages(token, "700000000000070");
        String id = submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000070").statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + TokenServiceTestResources.BETA_KEY).when().get("/v1/signups/{id}", id)
                .then().statusCode(404);
    }

    @Test
    void neverLogsCodesTokensOrSecrets() throws Exception {
        String code = "AQB-logcheck-" + UUID.randomUUID();
        String token = "EAAG-logcheck-" + UUID.randomUUID();
        codeGivesToken(code, token);
        tokenManages(token, "700000000000081");
        submit(TokenServiceTestResources.ALPHA_KEY, code, "700000000000080").statusCode(403);
        String failing = "AQB-logcheck-fail-" + UUID.randomUUID();
        codeAnswers(failing, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        submit(TokenServiceTestResources.ALPHA_KEY, failing, "700000000000080").statusCode(503);

        String log = Files.readString(Path.of("target", "token-service-test.log"));
        assertTrue(log.contains("refused"), "the log file is the service's");
        for (String secret : List.of(code, token, failing, "app-secret-for-tests", "system-user-token-for-tests",
                TokenServiceTestResources.ALPHA_KEY)) {
            assertFalse(log.contains(secret), "the log must not contain " + secret.substring(0, 8) + "...");
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(token) || metrics.contains(code), "nor the metrics");
    }

    private static SecretSealer storageSealer() {
        return new SecretSealer("s2", Map.of("s1", property("token.storage-keys.keys.s1"), "s2", property("token.storage-keys.keys.s2")));
    }

    private static SecretSealer transportSealer() {
        return new SecretSealer("t1", Map.of("t1", property("token.transport-keys.keys.t1")));
    }

    private static String property(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}

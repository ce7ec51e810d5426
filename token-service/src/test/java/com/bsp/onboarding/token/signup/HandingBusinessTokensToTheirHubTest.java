package com.bsp.onboarding.token.signup;

import static com.bsp.onboarding.token.support.Graph.debugTokenCallOf;
import static com.bsp.onboarding.token.support.Graph.signup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.http.auth.Sha256;
import com.bsp.onboarding.testing.http.Management;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /v1/signups/{id}/business-token: only a Tech Provider hub's credentials key, every attempt audited without the token. */
@QuarkusTest
class HandingBusinessTokensToTheirHubTest {

    static final String ALPHA_CREDENTIALS_KEY = "alpha-credentials-key-for-tests";
    static final String BETA_CREDENTIALS_KEY = "beta-credentials-key-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTechProvidersCredentialsKeyGetsItsSignupsTokenAndTheReadIsAuditedWithoutIt() throws Exception {
        IssuedCode signup = signup();
        String id = completed(TokenServiceTestResources.ALPHA_KEY, signup);
        String token = debugTokenCallOf(signup).businessToken();

        read(ALPHA_CREDENTIALS_KEY, id).then().statusCode(200).header("Cache-Control", "no-store")
                .body("signup_id", equalTo(id)).body("waba_id", equalTo(signup.wabaId())).body("business_token", equalTo(token));

        JsonNode audit = auditEvent(id, "handed_out");
        assertEquals("business_token", audit.path("data").path("credential").asText());
        assertEquals("alpha", audit.path("data").path("hub_id").asText());
        assertEquals(Sha256.hex(ALPHA_CREDENTIALS_KEY).substring(0, 8), audit.path("data").path("api_key_fingerprint").asText());
        assertFalse(audit.toString().contains(token), "the audit never carries the token");
        given().accept(ContentType.TEXT).when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("credential_reads_total")).body(containsString("credential=\"business_token\""));
    }

    @Test
    void anOrdinaryHubKeyIsRefusedAndTheRefusalIsAudited() throws Exception {
        String id = completed(TokenServiceTestResources.ALPHA_KEY, signup());

        read(TokenServiceTestResources.ALPHA_KEY, id).then().statusCode(403).contentType("application/problem+json")
                .body("type", containsString("forbidden"));

        JsonNode audit = auditEvent(id, "refused");
        assertEquals(Sha256.hex(TokenServiceTestResources.ALPHA_KEY).substring(0, 8), audit.path("data").path("api_key_fingerprint").asText());
    }

    @Test
    void noKeyIs401() {
        String id = completed(TokenServiceTestResources.ALPHA_KEY, signup());

        given().when().get("/v1/signups/{id}/business-token", id).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anotherHubsSignupAndAnUnknownOneAreNotFound() throws Exception {
        String betas = completed(TokenServiceTestResources.BETA_KEY, signup());

        read(ALPHA_CREDENTIALS_KEY, betas).then().statusCode(404).contentType("application/problem+json");
        read(ALPHA_CREDENTIALS_KEY, UUID.randomUUID().toString()).then().statusCode(404);
        read(ALPHA_CREDENTIALS_KEY, "not-a-signup-id").then().statusCode(404);

        assertEquals("alpha", auditEvent(betas, "not_found").path("data").path("hub_id").asText());
    }

    @Test
    void aHubThatIsNotATechProviderGetsNoTokenEvenWithItsCredentialsKey() throws Exception {
        String id = completed(TokenServiceTestResources.BETA_KEY, signup());

        read(BETA_CREDENTIALS_KEY, id).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("not a Tech Provider"));

        assertEquals("beta", auditEvent(id, "refused").path("data").path("hub_id").asText());
    }

    @Test
    void creatingAHostedSessionAnnouncesItsStart() throws Exception {
        io.restassured.path.json.JsonPath created = given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY)
                .contentType(ContentType.JSON).body(Map.of("customer_reference", "crm-4711")).when().post("/v1/signup-sessions")
                .then().statusCode(201).extract().jsonPath();
        String session = created.getString("id");
        String url = created.getString("url");

        JsonNode event = JSON.readTree(TopicReader.await(Topics.SIGNUP_EVENTS, r -> session.equals(r.key())
                && r.value().contains(SignupEventTypes.SIGNUP_SESSION_STARTED), 1, Duration.ofSeconds(10)).get(0).value());
        assertEquals(session, event.path("data").path("session_id").asText());
        assertEquals("alpha", event.path("data").path("hub_id").asText());
        assertEquals("crm-4711", event.path("data").path("customer_reference").asText());
        assertFalse(event.path("data").path("started_at").isMissingNode());
        assertFalse(event.path("data").path("expires_at").isMissingNode());
        assertFalse(event.toString().contains(url.substring(url.lastIndexOf('/') + 1)), "the event carries no session URL or token");
    }

    private static String completed(String hubKey, IssuedCode signup) {
        return SubmittingSignupsTest.submit(hubKey, signup).statusCode(201).extract().path("id");
    }

    private static Response read(String key, String id) {
        return given().header("Authorization", "Bearer " + key).when().get("/v1/signups/{id}/business-token", id);
    }

    private static JsonNode auditEvent(String signupId, String outcome) throws Exception {
        List<JsonNode> events = TopicReader.await(Topics.SIGNUP_EVENTS, r -> signupId.equals(r.key())
                && r.value().contains(SignupEventTypes.CREDENTIAL_READ) && r.value().contains("\"" + outcome + "\""), 1,
                Duration.ofSeconds(10)).stream().map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        return events.get(0);
    }
}

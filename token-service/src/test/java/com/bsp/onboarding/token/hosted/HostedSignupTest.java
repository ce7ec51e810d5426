package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.testing.js.JsNode;
import com.bsp.onboarding.http.auth.Sha256;
import static com.bsp.onboarding.token.support.Graph.emulator;
import static com.bsp.onboarding.token.support.Graph.exchangesOf;
import static com.bsp.onboarding.token.support.Graph.signup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HostedSignupTest {

    private static final String CSP = "Content-Security-Policy";

    /** A new session of hub alpha: its id and the path of its page (the token is the last segment). */
    record Session(String id, String path) {

        String token() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    static Session openSession(String apiKey) {
        JsonPath created = given().header("Authorization", "Bearer " + apiKey).when().post("/v1/signup-sessions")
                .then().statusCode(201).extract().jsonPath();
        return new Session(created.getString("id"), URI.create(created.getString("url")).getPath());
    }

    /** A session opened with the partner's input (customer reference, redirect, flow, prefill). */
    static Session openSession(String apiKey, Map<String, ?> input) {
        JsonPath created = given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(input)
                .when().post("/v1/signup-sessions").then().statusCode(201).extract().jsonPath();
        return new Session(created.getString("id"), URI.create(created.getString("url")).getPath());
    }

    /** What the hosted page posts after the customer finished Embedded Signup. */
    static ValidatableResponse complete(Session session, IssuedCode signup) {
        return complete(session, signup.code(), signup.wabaId());
    }

    static ValidatableResponse complete(Session session, String code, String wabaId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "waba_id", wabaId, "phone_number_id", "106540352242922",
                        "business_id", "2329417887457253", "finish_type", "FINISH"))
                .when().post(session.path() + "/complete").then();
    }

    static Map<String, Object> row(Session session) {
        return TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT * FROM signup_sessions WHERE id = ?::uuid", session.id()).get(0);
    }

    @Test
    void opensASessionOnlyWithAnApiKeyAndStoresTheTokenHashed() {
        given().when().post("/v1/signup-sessions").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-key").when().post("/v1/signup-sessions").then().statusCode(401);

        Instant before = Instant.now();
        JsonPath created = given().header("X-API-Key", TokenServiceTestResources.ALPHA_KEY).when().post("/v1/signup-sessions")
                .then().statusCode(201)
                .header("Location", containsString("/v1/signup-sessions/"))
                .header("Cache-Control", equalTo("no-store"))
                .body("url", startsWith("https://onboarding.example.test/signup/"))
                .extract().jsonPath();
        String token = created.getString("url").substring("https://onboarding.example.test/signup/".length());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 random bits in base64url");
        Duration ttl = Duration.between(before, Instant.parse(created.getString("expires_at")));
        assertTrue(ttl.compareTo(Duration.ofMinutes(29)) > 0 && ttl.compareTo(Duration.ofMinutes(31)) < 0, "expires in 30 minutes: " + ttl);

        Map<String, Object> row = TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT * FROM signup_sessions WHERE id = ?::uuid", created.getString("id")).get(0);
        assertEquals("alpha", row.get("hub_id"));
        assertEquals("open", row.get("status"));
        assertEquals(Sha256.hex(token), row.get("token_sha256"));
        assertFalse(row.toString().contains(token), "the database never holds the token itself");
    }

    @Test
    void rendersTheSignupPageOfAFreshSessionWithoutAnApiKey() {
        Session session = openSession(TokenServiceTestResources.ALPHA_KEY);
        String html = given().when().get(session.path())
                .then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", equalTo("no-store"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header(CSP, containsString("script-src 'nonce-"))
                .header(CSP, containsString("https://connect.facebook.net"))
                .header(CSP, containsString("frame-ancestors 'none'"))
                .header(CSP, not(containsString("unsafe-inline")))
                .extract().asString();
        assertTrue(html.contains("data-app-id=\"app-id-for-tests\""), "the app of token.graph");
        assertTrue(html.contains("data-graph-version=\"v23.0\""));
        assertTrue(html.contains("data-config-id=\"config-id-for-tests\""));
        assertTrue(html.contains("data-sdk-url=\"https://connect.facebook.net/en_US/sdk.js\""));
        assertTrue(html.contains("data-allowed-message-origins=\"facebook.com\""));
        assertTrue(html.contains("host === entry || host.endsWith('.' + entry)"), "messages are checked by the origin's host");
        assertTrue(html.contains("'WA_EMBEDDED_SIGNUP'"));
        assertTrue(html.contains("response_type: 'code'") && html.contains("override_default_response_type: true")
                && html.contains("extras: loginExtras()") && !html.contains("extras: { setup: {} }"), "ES v4 extras, not the retired v2 shape");
        assertTrue(html.contains("data-es-version=\"v4\""));
        assertFalse(html.contains("app-secret-for-tests"), "never the app secret");
        assertFalse(html.contains("system-user-token-for-tests"));
        assertFalse(html.contains(session.token()), "the page does not repeat its token (it posts to its own path)");
        String nonce = JsNode.between(html, "<script nonce=\"", "\"");
        assertTrue(given().when().get(session.path()).then().extract().header(CSP).contains("'nonce-"),
                "each page has its nonce");
        assertFalse(given().when().get(session.path()).then().extract().header(CSP).contains(nonce), "a fresh one");
    }

    @Test
    void answersUnknownAndMalformedTokensWithANotFoundPage() {
        for (String path : List.of("/signup/" + SessionTokens.newToken(), "/signup/short", "/signup/%3Cscript%3E")) {
            String html = given().when().get(path).then().statusCode(404).contentType(containsString("text/html"))
                    .header("Cache-Control", equalTo("no-store")).extract().asString();
            assertTrue(html.contains("Signup link not found"));
            assertFalse(html.contains("FB.login") || html.contains("config-id-for-tests") || html.contains("<script"), "not the form");
        }
        given().contentType(ContentType.JSON).body(Map.of("code", "c", "waba_id", "1"))
                .when().post("/signup/" + SessionTokens.newToken() + "/complete")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:session-not-found"));
    }

    @Test
    void completesTheSessionOnceForItsHubAndRecordsTheSignup() {
        Session session = openSession(TokenServiceTestResources.BETA_KEY);
        IssuedCode signup = signup();

        String signupId = complete(session, signup)
                .statusCode(201).header("Cache-Control", equalTo("no-store"))
                .body("status", equalTo("completed"))
                .body("waba_id", equalTo(signup.wabaId()))
                .body("finish_type", equalTo("FINISH"))
                .extract().path("id");
        assertEquals(1, exchangesOf(signup));

        Map<String, Object> row = row(session);
        assertEquals("used", row.get("status"));
        assertEquals(UUID.fromString(signupId), row.get("signup_id"));
        assertEquals("completed", row.get("outcome"));
        given().header("Authorization", "Bearer " + TokenServiceTestResources.BETA_KEY).when().get("/v1/signups/{id}", signupId)
                .then().statusCode(200).body("waba_id", equalTo(signup.wabaId()));
        given().header("Authorization", "Bearer " + TokenServiceTestResources.BETA_KEY).when().get("/v1/signup-sessions/{id}", session.id())
                .then().statusCode(200).body("status", equalTo("used")).body("signup_id", equalTo(signupId))
                .body("outcome", equalTo("completed"));
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).when().get("/v1/signup-sessions/{id}", session.id())
                .then().statusCode(404);

        IssuedCode another = signup();
        complete(session, signup).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:session-used"));
        complete(session, another).statusCode(409)
                .body("type", equalTo("urn:bsp-onboarding:problem:session-used"));
        assertEquals(1, exchangesOf(signup), "no second exchange");
        assertEquals(0, exchangesOf(another));

        String html = given().when().get(session.path()).then().statusCode(410).extract().asString();
        assertTrue(html.contains("Signup already completed") && !html.contains("FB.login"));
    }

    @Test
    void refusesAnExpiredSessionOnThePageAndOnCompletion() {
        Session session = openSession(TokenServiceTestResources.ALPHA_KEY);
        List<Map<String, Object>> updated = TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "UPDATE signup_sessions SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid RETURNING id", session.id());
        assertEquals(1, updated.size());

        String html = given().when().get(session.path()).then().statusCode(410).contentType(containsString("text/html"))
                .extract().asString();
        assertTrue(html.contains("Signup link expired") && !html.contains("FB.login"));
        IssuedCode signup = signup();
        complete(session, signup).statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:session-expired"));
        assertEquals(0, exchangesOf(signup));
        assertEquals("expired", row(session).get("status"));
    }

    @Test
    void keepsTheSessionUsableWhenGraphIsUnavailable() {
        Session session = openSession(TokenServiceTestResources.ALPHA_KEY);
        IssuedCode signup = signup();
        emulator().failNextOn("exchange_code", signup.wabaId(), 1, 500, 2);

        complete(session, signup).statusCode(503).header("Retry-After", equalTo("1"))
                .body("type", equalTo("urn:bsp-onboarding:problem:graph-unavailable"));
        assertEquals("open", row(session).get("status"));
        assertEquals("graph-unavailable", row(session).get("outcome"));
        given().when().get(session.path()).then().statusCode(200);

        complete(session, signup).statusCode(201).body("waba_id", equalTo(signup.wabaId()));
        assertEquals(2, exchangesOf(signup), "the same code, released after the 503, exchanged on the retry");
        assertEquals("used", row(session).get("status"));
        assertEquals("completed", row(session).get("outcome"));
    }

    @Test
    void recordsAFinalRefusalAndClosesTheSession() {
        Session session = openSession(TokenServiceTestResources.ALPHA_KEY);
        IssuedCode signup = signup();

        complete(session, signup.code(), "710000000000004").statusCode(403)
                .body("type", equalTo("urn:bsp-onboarding:problem:waba-not-granted"));
        Map<String, Object> row = row(session);
        assertEquals("used", row.get("status"));
        assertEquals("waba-not-granted", row.get("outcome"));
        assertEquals(null, row.get("signup_id"));
        String html = given().when().get(session.path()).then().statusCode(410).extract().asString();
        assertTrue(html.contains("Signup link already used"));
    }

    @Test
    void validatesLikeTheSignupsApiWithoutUsingUpTheSession() {
        Session session = openSession(TokenServiceTestResources.ALPHA_KEY);
        List<Map<String, Object>> bodies = List.of(
                Map.of("waba_id", "not-numeric", "phone_number_id", "x1", "finish_type", "finish"),
                Map.of("code", "has space", "waba_id", "1", "business_id", "b"),
                Map.of("code", "c", "waba_id", "1", "finish_type", "FINISH!"));
        for (Map<String, Object> body : bodies) {
            Object viaApi = given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON)
                    .body(body).when().post("/v1/signups").then().statusCode(400).extract().path("errors");
            Object viaPage = given().contentType(ContentType.JSON).body(body).when().post(session.path() + "/complete")
                    .then().statusCode(400).contentType("application/problem+json").extract().path("errors");
            assertEquals(viaApi, viaPage, "the same rules as POST /v1/signups for " + body);
        }
        given().contentType(ContentType.JSON).body("{\"code\":\"c\",\"waba_id\":\"1\",\"surprise\":true}")
                .when().post(session.path() + "/complete").then().statusCode(400);
        assertEquals("open", row(session).get("status"), "a malformed request does not use up the link");
    }

    @Test
    void neverLogsSessionTokens() throws Exception {
        Session session = openSession(TokenServiceTestResources.ALPHA_KEY);
        given().when().get(session.path()).then().statusCode(200);
        IssuedCode signup = signup();
        String code = signup.code();
        emulator().failNextOn("exchange_code", signup.wabaId(), 1, 500, null);
        complete(session, signup).statusCode(503);

        String log = Files.readString(Path.of("target", "token-service-test.log"));
        assertTrue(log.contains("Signup session " + session.id()), "the log names sessions by id");
        assertFalse(log.contains(session.token()), "never by token");
        assertFalse(log.contains(code));
    }
}

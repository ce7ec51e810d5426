package com.bsp.onboarding.token.hosted;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.token.support.TokenServiceTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The access log is on in the test profile: what it and every other log line leave out is checked in the file. */
@QuarkusTest
class SessionTokensStayOutOfLogsTest {

    private static final Path LOG = Path.of("target", "token-service-test.log");

    @Test
    void neverLogsAHostedPagesSessionTokenNorThePathThatCarriesIt() throws Exception {
        HostedSignupTest.Session session = HostedSignupTest.openSession(TokenServiceTestResources.ALPHA_KEY);
        String token = session.token();
        given().when().get(session.path()).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"event\":\"CANCEL\",\"current_step\":\"PHONE_NUMBER_SETUP\"}")
                .when().post(session.path() + "/events").then();
        given().contentType(ContentType.JSON).body("{\"not\":\"valid\"}").when().post(session.path() + "/complete").then();
        HostedSignupTest.complete(session, "a-code-nobody-issued", "123456789012345").statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().contentType(ContentType.JSON).body(Map.of("code", "x")).when().post(session.path() + "/complete").then();
        // An unknown token and a near miss of the real one.
        given().when().get("/signup/not-a-session-token-at-all").then().statusCode(404);
        given().when().get(session.path() + "x").then().statusCode(404);

        // The access log is written, for other paths.
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertTrue(Files.readString(LOG).contains("\"POST /v1/signup-sessions\""), "the access log is on and in this file"));
        String log = Files.readString(LOG);
        assertFalse(log.contains(token), "the log holds a session token");
        assertFalse(log.contains(token.substring(0, Math.min(16, token.length()))), "the log holds part of a session token");
        assertFalse(log.contains("not-a-session-token-at-all"), "the log holds a presented token");
        assertFalse(log.contains(TokenServiceTestResources.ALPHA_KEY), "the log holds an API key");
    }

    @Test
    void refusesARequestBodyOverTheBodyLimit() {
        String body = "{\"code\":\"" + "x".repeat(40 * 1024) + "\"}";
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON).body(body)
                .when().post("/v1/signups").then().statusCode(413);
    }
}

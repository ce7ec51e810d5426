package com.bsp.onboarding.link.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.testing.http.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The rate limiter of the public port, against the test profile's probe group (burst 3, one token per 2 s),
 * which no other test uses. Clients are told apart by their forwarded address (proxy-address-forwarding is on
 * in the test profile, as behind the ingress).
 */
@QuarkusTest
class RateLimitingTest {

    @Test
    void answersTooManyRequestsWithRetryAfterOnceAClientsBurstIsSpent() {
        String client = "203.0.113.10";
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", client).when().get("/rate-limit-probe/{i}", i).then().statusCode(404);
        }
        Response limited = given().header("X-Forwarded-For", client).when().get("/rate-limit-probe/again");
        limited.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:rate-limited"))
                .body("status", equalTo(429));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        given().accept("text/plain").when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(matchesPattern("(?s).*http_requests_rate_limited_total\\{[^}]*group=\"probe\"[^}]*} [1-9].*"));
    }

    @Test
    void limitsEachClientOnItsOwn() {
        for (int i = 0; i < 4; i++) {
            given().header("X-Forwarded-For", "203.0.113.20").when().get("/rate-limit-probe").then();
        }
        given().header("X-Forwarded-For", "203.0.113.20").when().get("/rate-limit-probe").then().statusCode(429);
        given().header("X-Forwarded-For", "203.0.113.21").when().get("/rate-limit-probe").then().statusCode(404);
    }

    @Test
    void refusesAClientOverItsLimitBeforeReadingItsBody() {
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "203.0.113.30").when().get("/rate-limit-probe").then();
        }
        // A POST to a real-looking path of the group: refused before its body is read or parsed.
        given().header("X-Forwarded-For", "203.0.113.30").contentType("application/json").body("{not json")
                .when().post("/rate-limit-probe/links").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }
}

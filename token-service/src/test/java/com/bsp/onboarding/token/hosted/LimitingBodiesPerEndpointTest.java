package com.bsp.onboarding.token.hosted;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.bsp.onboarding.token.support.TokenServiceTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each endpoint's body limit is sized to its largest real request: a signup or a page's message is refused over 8K
 * before its body is read, while a session's prefill may use the service-wide 32K.
 */
@QuarkusTest
class LimitingBodiesPerEndpointTest {

    private static final String NINE_KB = "x".repeat(9 * 1024);

    @Test
    void aSignupOverItsEndpointsLimitIsRefusedAsProblemJson() {
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON)
                .body("{\"code\":\"" + NINE_KB + "\"}")
                .when().post("/v1/signups").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:payload-too-large"));
    }

    @Test
    void aPagesMessageOverItsEndpointsLimitIsRefused() {
        HostedSignupTest.Session session = HostedSignupTest.openSession(TokenServiceTestResources.ALPHA_KEY);

        given().contentType(ContentType.JSON).body("{\"type\":\"WA_EMBEDDED_SIGNUP\",\"event\":\"" + NINE_KB + "\"}")
                .when().post(session.path() + "/events").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aSessionsPrefillMayUseTheServiceWideLimit() {
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON)
                .body(Map.of("customer_reference", "crm-1", "prefill", Map.of("business", Map.of("name", NINE_KB))))
                .when().post("/v1/signup-sessions").then().statusCode(not(equalTo(413)));
    }
}

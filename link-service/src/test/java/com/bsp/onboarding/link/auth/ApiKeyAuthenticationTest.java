package com.bsp.onboarding.link.auth;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.link.support.LinkApi.get;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.bsp.onboarding.link.support.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyAuthenticationTest {

    @Test
    void refusesARequestWithoutKey() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/v1/links")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:bsp-onboarding:problem:unauthorized"));
    }

    @Test
    void refusesAnUnknownKey() {
        issue("not-a-configured-key", Map.of()).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void refusesAnEmptyBearerToken() {
        given().header("Authorization", "Bearer ").contentType(ContentType.JSON).body("{}")
                .when().post("/v1/links").then().statusCode(401);
    }

    @Test
    void acceptsTheKeyAsXApiKeyHeaderToo() {
        given().header("X-API-Key", TestApiKeys.ALPHA).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/links").then().statusCode(201);
    }

    @Test
    void acceptsBothKeysOfAHubDuringARotation() {
        String id = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract().path("id");
        get(TestApiKeys.ALPHA_ROTATED, id).statusCode(200).body("id", equalTo(id));
    }

    @Test
    void hidesAnotherHubsLinkAsNotFound() {
        String alphaLink = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract().path("id");
        get(TestApiKeys.BETA, alphaLink).statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:not-found"));
    }

    @Test
    void answersNotFoundForAnIdThatIsNoLinkId() {
        get(TestApiKeys.ALPHA, "not-a-uuid").statusCode(404).contentType("application/problem+json");
        get(TestApiKeys.ALPHA, "00000000-0000-0000-0000-000000000000").statusCode(404);
    }

    @Test
    void doesNotNeedAKeyForHealthMetricsAndTheBrowserCallback() {
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200);
        given().when().get("/io/callback?state=unknown-state&client=c1").then().statusCode(404);
    }
}

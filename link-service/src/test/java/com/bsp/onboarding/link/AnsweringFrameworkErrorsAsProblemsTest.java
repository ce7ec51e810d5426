package com.bsp.onboarding.link;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.bsp.onboarding.link.support.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The framework's own refusals leave as the same problem+json as the service's (http-commons' mappers). */
@QuarkusTest
class AnsweringFrameworkErrorsAsProblemsTest {

    @Test
    void answersAnUnknownRouteAsNotFound() {
        given().header("Authorization", "Bearer " + TestApiKeys.ALPHA).when().get("/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:not-found"))
                .body("status", equalTo(404)).body("instance", equalTo("/v1/no-such-thing"));
    }

    @Test
    void answersAWrongMethodAsMethodNotAllowed() {
        given().header("Authorization", "Bearer " + TestApiKeys.ALPHA).when().delete("/v1/links")
                .then().statusCode(405).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:method-not-allowed"));
    }

    @Test
    void answersAWrongMediaTypeAsUnsupported() {
        given().header("Authorization", "Bearer " + TestApiKeys.ALPHA).contentType(ContentType.TEXT).body("kind=signup")
                .when().post("/v1/links")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:unsupported-media-type"));
    }

    @Test
    void answersAnUnknownKeyWithTheBearerChallengeAndNoKeyInTheAnswer() {
        String answer = given().header("X-API-Key", "not-a-configured-key").contentType(ContentType.JSON).body("{}")
                .when().post("/v1/links")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:bsp-onboarding:problem:unauthorized")).body("detail", notNullValue())
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(answer.contains("not-a-configured-key"));
    }
}

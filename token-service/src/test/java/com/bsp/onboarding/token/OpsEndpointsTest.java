package com.bsp.onboarding.token;

import com.bsp.onboarding.testing.http.Management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpsEndpointsTest {

    @Test
    void isLiveAndReadyWithTheDatabaseChecked() {
        given().when().get(Management.url("/q/health/live")).then().statusCode(200);
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body(containsString("Database connections health check"));
        given().when().get(Management.url("/q/health/well")).then().statusCode(200).body(containsString("outbox-relay"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("outbox_events_pending"))
                .body(containsString("tokens_sealed_with_old_keys"));
    }

    @Test
    void publishesTheOpenApiDocument() {
        given().queryParam("format", "json").when().get(Management.url("/q/openapi")).then().statusCode(200)
                .body("paths", hasKey("/v1/signups"))
                .body("paths", hasKey("/v1/signups/{id}"))
                // The API key is a security scheme of the document, required by the partner endpoints.
                .body("components.securitySchemes.apiKey.scheme", org.hamcrest.Matchers.equalTo("bearer"))
                .body("paths.'/v1/signups/{id}'.get.security[0]", org.hamcrest.Matchers.hasKey("apiKey"))
                // And every operation requiring it answers 401 as problem+json without a valid key.
                .body("paths.'/v1/signups/{id}'.get.responses.'401'.content", hasKey("application/problem+json"))
                .body("paths.'/v1/signups'.post.responses.'401'.description", org.hamcrest.Matchers.equalTo("No valid API key"));
    }
}

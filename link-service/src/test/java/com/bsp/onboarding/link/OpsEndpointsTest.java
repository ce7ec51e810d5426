package com.bsp.onboarding.link;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.bsp.onboarding.link.support.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpsEndpointsTest {

    @Test
    void reportsReadyWithTheDatabaseChecked() {
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void reportsTheOutboxBacklogAsWellness() {
        given().when().get(Management.url("/q/health/well")).then().statusCode(200).body(containsString("outbox-relay"));
    }

    @Test
    void exposesPrometheusMetrics() {
        issue(TestApiKeys.ALPHA, Map.of()).statusCode(201);
        given().when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("links_issued_total"))
                .body(containsString("outbox_events_pending"));
    }

    @Test
    void publishesTheOpenApiDocument() {
        given().queryParam("format", "json").when().get(Management.url("/q/openapi")).then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/links"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/links/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/io/callback"))
                // The API key is a security scheme of the document, required by the partner endpoints.
                .body("components.securitySchemes.apiKey.scheme", org.hamcrest.Matchers.equalTo("bearer"))
                .body("paths.'/v1/links/{id}'.get.security[0]", org.hamcrest.Matchers.hasKey("apiKey"))
                // And every operation requiring it answers 401 as problem+json without a valid key.
                .body("paths.'/v1/links/{id}'.get.responses.'401'.content", org.hamcrest.Matchers.hasKey("application/problem+json"))
                .body("paths.'/v1/links'.post.responses.'401'.content.'application/problem+json'.schema.'$ref'",
                        org.hamcrest.Matchers.equalTo("#/components/schemas/Problem"));
    }
}

package com.bsp.onboarding.partnerwebhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import com.bsp.onboarding.testing.http.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The document merges the annotated API, the static webhooks section and the shared API-key scheme (http-commons). */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void showsTheApiKeySchemeAndEveryPartnerOperationRequiresIt() {
        given().queryParam("format", "json").when().get(Management.url("/q/openapi")).then().statusCode(200)
                .body("paths", hasKey("/v1/endpoints"))
                .body("paths", hasKey("/v1/onboardings/{id}"))
                .body("webhooks", hasKey("onboarding.completed"))
                .body("components.securitySchemes.apiKey.type", equalTo("http"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("paths.'/v1/endpoints'.post.security[0]", hasKey("apiKey"))
                .body("paths.'/v1/onboardings/{id}'.get.security[0]", hasKey("apiKey"))
                .body("paths.'/v1/messages/{messageId}/deliveries'.get.security[0]", hasKey("apiKey"))
                .body("paths.'/v1/messages/{messageId}/deliveries'.get.responses.'401'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/v1/onboardings/{id}'.get.responses.'401'.description", equalTo("No valid API key"));
    }
}

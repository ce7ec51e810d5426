package com.bsp.onboarding.provisioner.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.bsp.onboarding.provisioner.support.OpsApi;
import com.bsp.onboarding.testing.http.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpsApiAuthenticationTest {

    private static final String SECOND_OPS_KEY = "ops-key-second-for-tests";

    @Test
    void refusesEveryOpsEndpointWithoutAKey() {
        given().when().get("/v1/wabas/{id}", "any-waba").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:bsp-onboarding:problem:unauthorized"));
        given().when().get("/v1/wabas").then().statusCode(401).contentType("application/problem+json");
        given().when().post("/v1/wabas/{id}/retry", "any-waba").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/wabas/{id}/provision", "any-waba")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().get("/v1/channels/{p}/{c}", "aAbBcCPA", "any-channel").then().statusCode(401);
        given().when().post("/v1/channels/{p}/{c}/retry", "aAbBcCPA", "any-channel").then().statusCode(401);
    }

    @Test
    void refusesAWrongOrEmptyKey() {
        given().header("Authorization", "Bearer not-an-ops-key").when().get("/v1/wabas/{id}", "any-waba")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-API-Key", "not-an-ops-key").when().post("/v1/wabas/{id}/retry", "any-waba")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer ").when().get("/v1/wabas").then().statusCode(401);
        // A key's hash is no key.
        given().header("Authorization", "Bearer 612888d5d2372cc5cc9d1bc748a66f3e064b50a8289bbf6cc74779fad159c936")
                .when().get("/v1/wabas").then().statusCode(401);
    }

    @Test
    void acceptsEitherConfiguredOpsKeyAsBearerOrXApiKey() {
        OpsApi.given().when().get("/v1/wabas/{id}", "no-such-waba").then().statusCode(404).contentType("application/problem+json");
        given().header("X-API-Key", OpsApi.OPS_KEY).when().get("/v1/wabas").then().statusCode(200);
        given().header("Authorization", "Bearer " + SECOND_OPS_KEY).when().post("/v1/wabas/{id}/retry", "no-such-waba")
                .then().statusCode(404);
    }

    @Test
    void servesHealthMetricsAndOpenApiOnTheManagementPortAlone() {
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200);
        given().accept(ContentType.TEXT).when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("api_key_auth_failures_total"));
        given().queryParam("format", "json").when().get(Management.url("/q/openapi")).then().statusCode(200)
                // The ops key's scheme comes from http-commons, the hub credentials key's from this service; no partner API key here.
                .body("components.securitySchemes.opsKey.scheme", equalTo("bearer"))
                .body("components.securitySchemes.hubCredentialsKey.scheme", equalTo("bearer"))
                .body("components.securitySchemes", not(hasKey("apiKey")))
                .body("paths.'/v1/wabas/{wabaId}'.get.security[0]", hasKey("opsKey"))
                .body("paths.'/v1/channels/{channelId}/api-key'.get.security[0]", hasKey("hubCredentialsKey"))
                .body("paths.'/v1/wabas/{wabaId}'.get.responses.'401'.description", equalTo("No ops key, or an unknown one"))
                // An operation's own 401 stays as it documents it.
                .body("paths.'/v1/channels/{channelId}/api-key'.get.responses.'401'.description", equalTo("No hub key, or an unknown one"));
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(404);
    }
}

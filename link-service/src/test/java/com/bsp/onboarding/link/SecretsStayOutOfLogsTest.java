package com.bsp.onboarding.link;

import static com.bsp.onboarding.link.support.LinkApi.callback;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.link.support.PlatformSecretFileResource;
import com.bsp.onboarding.link.support.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecretsStayOutOfLogsTest {

    private static final Path LOG = Path.of("target", "link-service-test.log");

    @Test
    void neverLogsPlatformSecretsApiKeysSignaturesOrStates() throws Exception {
        String state = issue(TestApiKeys.ALPHA, Map.of("email", "x@y.example")).statusCode(201).extract().path("state");
        String url = issue(TestApiKeys.BETA, Map.of()).statusCode(201).extract().path("url");
        String signature = url.substring(url.indexOf("io_signature=") + "io_signature=".length());
        issue("wrong-key-that-should-not-be-logged", Map.of()).statusCode(401);
        given().header("X-API-Key", TestApiKeys.ALPHA_ROTATED).contentType(ContentType.JSON).body("{\"lang\":\"xx\"}")
                .when().post("/v1/links").then().statusCode(400);
        callback(state, "client-log", "[ch-1]", null).statusCode(200);
        callback(state, "client-log", "[ch-1]", null).statusCode(409);

        String log = Files.readString(LOG);
        assertTrue(log.contains("Redirect replayed"), "the log file is the one the service writes");
        for (String secret : List.of(TestApiKeys.ALPHA_SECRET, PlatformSecretFileResource.INITIAL_SECRET,
                TestApiKeys.ALPHA, TestApiKeys.ALPHA_ROTATED, TestApiKeys.BETA, "wrong-key-that-should-not-be-logged",
                signature, state)) {
            assertFalse(log.contains(secret), "the log must not contain " + secret.substring(0, 4) + "...");
        }
    }
}

package com.bsp.onboarding.ingest;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.ingest.support.Webhooks.postMeta;
import static com.bsp.onboarding.ingest.support.Webhooks.postMetaSigned;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.bsp.onboarding.ingest.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpsEndpointsTest {

    @Test
    void isLiveAndReady() {
        given().when().get(Management.url("/q/health/live")).then().statusCode(200);
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200);
    }

    @Test
    void countsReceivedAcceptedAndRejectedWebhooksAndKafkaLatency() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        postMetaSigned(body).statusCode(200);
        postMeta(body, "sha256=" + "0".repeat(64)).statusCode(401);
        given().when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("webhooks_received_total{source=\"meta\"}"))
                .body(containsString("webhooks_accepted_total{source=\"meta\"}"))
                .body(containsString("webhooks_rejected_total{reason=\"mismatch_signature\",source=\"meta\"}"))
                .body(containsString("webhooks_kafka_write_seconds"));
    }

    @Test
    void answersAnUnknownRouteAsProblemJsonEvenWithABearerHeader() {
        // No partner API here: an Authorization header is ignored, not checked against API keys.
        given().header("Authorization", "Bearer anything").when().get("/webhooks/no-such-provider").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:bsp-onboarding:problem:not-found"));
    }

    @Test
    void publishesTheOpenApiDocument() {
        given().queryParam("format", "json").when().get(Management.url("/q/openapi")).then().statusCode(200)
                .body("paths", hasKey("/webhooks/meta"))
                .body("paths", hasKey("/webhooks/360dialog/{partnerId}"))
                .body("paths", hasKey("/webhooks/360dialog/{partnerId}/channels/{channelId}"))
                // No operation here takes an API key, so http-commons' key schemes are left out.
                .body("components.securitySchemes", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void neverLogsSecretsOrTokens() throws Exception {
        postMeta("{}".getBytes(StandardCharsets.UTF_8), "sha256=" + "1".repeat(64)).statusCode(401);
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "a-wrong-guess")
                .queryParam("hub.challenge", "1").when().get("/webhooks/meta").then().statusCode(403);
        String log = Files.readString(Path.of("target", "webhook-ingest-test.log"));
        for (String secret : new String[] {Webhooks.META_APP_SECRET, Webhooks.META_PREVIOUS_APP_SECRET, Webhooks.META_VERIFY_TOKEN,
                Webhooks.PLATFORM_SECRET, Webhooks.GUARDED_PLATFORM_SECRET, "partner-auth-value", Webhooks.CHANNEL_AUTH_KEY, Webhooks.channelAuth("Mo6VYuCH"), "a-wrong-guess"}) {
            assertFalse(log.contains(secret), "the log must not contain " + secret.substring(0, 4) + "...");
        }
    }
}

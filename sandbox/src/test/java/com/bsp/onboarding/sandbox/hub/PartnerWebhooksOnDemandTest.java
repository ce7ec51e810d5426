package com.bsp.onboarding.sandbox.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.sandbox.support.Signatures;
import com.bsp.onboarding.sandbox.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** 360Dialog's partner webhooks on demand: a channel revoked after it was provisioned, violations, restrictions. */
@QuarkusTest
class PartnerWebhooksOnDemandTest {

    @Test
    void aRevokedChannelIsAnnouncedSignedWithThePlatformSecret() {
        String channel = "ch-" + UUID.randomUUID().toString().substring(0, 8);

        given().contentType(ContentType.JSON).body(Map.of("event", "channel_revoked", "channel_id", channel, "client_id", "cl-1",
                        "status", "revoked"))
                .when().post("/_sandbox/hub/demo/webhook").then().statusCode(202).body("data.status", is("revoked"));
        given().contentType(ContentType.JSON).body(Map.of("event", "account_violation", "channel_id", channel,
                        "details", Map.of("violation_type", "SPAM")))
                .when().post("/_sandbox/hub/demo/webhook").then().statusCode(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> received(channel).size() == 2);
        LoggedRequest revokedWebhook = webhook(channel, "channel_revoked");
        JsonNode revoked = WebhookReceiver.json(revokedWebhook);
        assertEquals(channel, revoked.path("data").path("id").asText());
        assertEquals(Signatures.hmacSha256Hex("demo-platform-secret", revokedWebhook.getBody()),
                revokedWebhook.getHeader("x-360dialog-signature"));
        assertEquals("SPAM", WebhookReceiver.json(webhook(channel, "account_violation")).path("data").path("violation_type").asText());
        given().contentType(ContentType.JSON).body(Map.of("event", "channel_revoked")).when().post("/_sandbox/hub/nowhere/webhook")
                .then().statusCode(404);
    }

    private static LoggedRequest webhook(String channel, String event) {
        return received(channel).stream().filter(w -> event.equals(WebhookReceiver.json(w).path("event").asText())).findFirst()
                .orElseThrow();
    }

    private static List<LoggedRequest> received(String channel) {
        return WebhookReceiver.received(WebhookReceiver.DIALOG360_PATH, body -> channel.equals(body.path("data").path("channel_id").asText()));
    }
}

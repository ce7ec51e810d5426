package com.bsp.onboarding.ingest.dialog360;

import static com.bsp.onboarding.ingest.support.Webhooks.header;
import static com.bsp.onboarding.ingest.support.Webhooks.hmacSha256Hex;
import static com.bsp.onboarding.ingest.support.Webhooks.post360;
import static com.bsp.onboarding.ingest.support.Webhooks.rawRecordsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.ingest.support.Webhooks;
import com.bsp.onboarding.testing.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class Receiving360DialogWebhooksTest {

    @Test
    void storesASignedPartnerWebhookAndDerivesAnEventKeyedByClient() {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"id\":\"evt-1\",\"event\":\"channel_created\",\"data\":{\"id\":\"ch-" + marker + "\",\"client_id\":\"client-42\","
                + "\"status\":\"pending\",\"phone_number\":\"4915112345678\",\"waba_account\":{\"id\":\"w1\"}}}")
                .getBytes(StandardCharsets.UTF_8);

        post360(Webhooks.PARTNER_ID, body, hmacSha256Hex(Webhooks.PLATFORM_SECRET, body)).statusCode(200);

        List<ConsumerRecord<String, byte[]>> raw = rawRecordsOf(Topics.WEBHOOKS_RAW, body);
        assertEquals(1, raw.size());
        assertEquals("360dialog", header(raw.get(0), RawWebhookHeaders.WEBHOOK_SOURCE));
        assertEquals(Webhooks.PARTNER_ID, header(raw.get(0), RawWebhookHeaders.PARTNER_ID));
        ConsumerRecord<String, String> typed = TopicReader.await(Topics.DIALOG360_WEBHOOK_EVENTS,
                r -> r.value().contains(marker), 1, Duration.ofSeconds(20)).get(0);
        assertEquals("client-42", typed.key());
        assertTrue(typed.value().contains("\"type\":\"com.bsp.onboarding.360dialog.channel_created\""), typed.value());
        assertTrue(typed.value().contains("\"channel_id\":\"ch-" + marker + "\""), typed.value());
    }

    @Test
    void acceptsTheSignatureWithASha256Prefix() {
        byte[] body = unique("channel_live");
        post360(Webhooks.PARTNER_ID, body, "sha256=" + hmacSha256Hex(Webhooks.PLATFORM_SECRET, body)).statusCode(200);
    }

    @Test
    void keepsUnknownEventNames() {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"event\":\"never_seen_before\",\"data\":{\"client_id\":\"c9\",\"m\":\"" + marker + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        post360(Webhooks.PARTNER_ID, body, hmacSha256Hex(Webhooks.PLATFORM_SECRET, body)).statusCode(200);
        String value = TopicReader.await(Topics.DIALOG360_WEBHOOK_EVENTS, r -> r.value().contains(marker), 1,
                Duration.ofSeconds(20)).get(0).value();
        assertTrue(value.contains("com.bsp.onboarding.360dialog.never_seen_before"), value);
    }

    @Test
    void refusesMissingWrongAndForeignSignatures() {
        byte[] body = unique("channel_ready");
        post360(Webhooks.PARTNER_ID, body, null).statusCode(401).contentType("application/problem+json");
        post360(Webhooks.PARTNER_ID, body, hmacSha256Hex("not-the-platform-secret", body)).statusCode(401);
        post360(Webhooks.PARTNER_ID, body, hmacSha256Hex(Webhooks.GUARDED_PLATFORM_SECRET, body)).statusCode(401);
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void requiresTheHubsCustomAuthHeaderWhereConfigured() {
        byte[] body = unique("client_created");
        String signature = hmacSha256Hex(Webhooks.GUARDED_PLATFORM_SECRET, body);
        post360(Webhooks.GUARDED_PARTNER_ID, body, signature).statusCode(401);
        post360(Webhooks.GUARDED_PARTNER_ID, body, signature, "X-Partner-Auth", "wrong").statusCode(401);
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());

        post360(Webhooks.GUARDED_PARTNER_ID, body, signature, "X-Partner-Auth", "partner-auth-value").statusCode(200);
    }

    @Test
    void answersNotFoundForAnUnknownPartner() {
        byte[] body = unique("channel_live");
        post360("unknownPartner", body, hmacSha256Hex(Webhooks.PLATFORM_SECRET, body)).statusCode(404);
    }

    private static byte[] unique(String event) {
        return ("{\"event\":\"" + event + "\",\"data\":{\"client_id\":\"c1\",\"n\":\"" + UUID.randomUUID() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}

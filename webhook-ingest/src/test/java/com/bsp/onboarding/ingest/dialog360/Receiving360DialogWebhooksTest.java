package com.bsp.onboarding.ingest.dialog360;

import static com.bsp.onboarding.ingest.support.Webhooks.header;
import static com.bsp.onboarding.ingest.support.Webhooks.hmacSha256Hex;
import static com.bsp.onboarding.ingest.support.Webhooks.post360;
import static com.bsp.onboarding.ingest.support.Webhooks.rawRecordsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.ingest.support.Webhooks;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class Receiving360DialogWebhooksTest {

    private static final ObjectMapper JSON = EventJson.newMapper();

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

    /**
     * Every envelope seen so far, as {@code (shape, body with %s for a marker, client, channel, channel status)}:
     * what consumers act on must be on the topic as typed fields, whatever shape the body had.
     */
    static Stream<Arguments> envelopes() {
        return Stream.of(
                Arguments.of("a channel event as the hub sends it", """
                        {"id":"e1","event":"channel_running","data":{"id":"ch-%s","client_id":"cl-1","partner_id":"aAbBcCPA",\
                        "status":"running","account_mode":"live","billing_started_at":"2026-11-21T10:00:00Z"}}""",
                        "cl-1", "ch-%s", "running"),
                Arguments.of("numeric ids", """
                        {"event":"channel_live","data":{"id":4711,"client_id":815,"status":"live","m":"%s"}}""",
                        "815", "4711", "live"),
                Arguments.of("ids at the top level and the name in type", """
                        {"type":"channel_ready","client_id":"cl-3","channel_id":"ch-%s","data":{"status":"ready"}}""",
                        "cl-3", "ch-%s", "ready"),
                Arguments.of("the client nested in the channel", """
                        {"event":"channel_created","data":{"id":"ch-%s","client":{"id":"cl-4"},"status":"pending"}}""",
                        "cl-4", "ch-%s", "pending"),
                Arguments.of("a channel event without a status", """
                        {"event":"channel_submitted","data":{"id":"ch-%s","client_id":"cl-5"}}""",
                        "cl-5", "ch-%s", null),
                Arguments.of("a client event, whose data is the client", """
                        {"event":"client_created","data":{"id":"cl-%s","status":"active"}}""",
                        "cl-%s", null, null),
                Arguments.of("an account event naming a channel", """
                        {"event":"account_violation","data":{"channel_id":"ch-%s","client_id":"cl-7","status":"flagged"}}""",
                        "cl-7", "ch-%s", null),
                Arguments.of("an unknown event naming nothing", """
                        {"event":"never_seen_before","m":"%s","data":[1,2]}""",
                        null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void typesTheClientChannelAndChannelStatusOfEveryEnvelope(String shape, String template, String client, String channel,
            String status) throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] body = template.formatted(marker).getBytes(StandardCharsets.UTF_8);

        post360(Webhooks.PARTNER_ID, body, hmacSha256Hex(Webhooks.PLATFORM_SECRET, body)).statusCode(200);

        ConsumerRecord<String, String> typed = TopicReader.await(Topics.DIALOG360_WEBHOOK_EVENTS,
                r -> r.value().contains(marker), 1, Duration.ofSeconds(20)).get(0);
        JsonNode data = JSON.readTree(typed.value()).path("data");
        assertEquals(Webhooks.PARTNER_ID, data.path("partner_id").asText());
        assertTyped(client == null ? null : client.formatted(marker), data, "client_id");
        assertTyped(channel == null ? null : channel.formatted(marker), data, "channel_id");
        assertTyped(status, data, "channel_status");
        assertEquals(client == null ? Webhooks.PARTNER_ID : client.formatted(marker), typed.key(), "keyed by client, else partner");
        assertEquals(JSON.readTree(body), data.path("payload"), "the whole body is kept");
    }

    private static void assertTyped(String expected, JsonNode data, String field) {
        if (expected == null) {
            assertFalse(data.has(field), field + " is absent when the webhook names none: " + data);
        } else {
            assertEquals(expected, data.path(field).asText(), field);
        }
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

package com.bsp.onboarding.ingest.meta;

import static com.bsp.onboarding.ingest.support.Webhooks.header;
import static com.bsp.onboarding.ingest.support.Webhooks.hmacSha256Hex;
import static com.bsp.onboarding.ingest.support.Webhooks.postMeta;
import static com.bsp.onboarding.ingest.support.Webhooks.postMetaSigned;
import static com.bsp.onboarding.ingest.support.Webhooks.rawRecordsOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReceivingMetaWebhooksTest {

    /** Meta's documented PARTNER_ADDED example, byte for byte. */
    static final String PARTNER_ADDED = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"2949482758682047\",\"time\":1744823932,\"changes\":[{\"value\":{\"event\":\"PARTNER_ADDED\",\"waba_info\":{\"waba_id\":\"980198427658004\",\"owner_business_id\":\"2329417887457253\",\"solution_id\":\"1715120619246906\",\"solution_partner_business_ids\":[\"2949482758682047\",\"520744086200222\"]}},\"field\":\"account_update\"}]}]}";
    static final String PARTNER_ADDED_SIGNATURE = "sha256=8d250ca904cdaa3f2e9883bee9fb595db13aaec282c69b9475c8345cdc7f5977";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void storesMetasPartnerAddedExampleAndDerivesOneEventKeyedByTheCustomersWaba() throws Exception {
        byte[] body = PARTNER_ADDED.getBytes(StandardCharsets.UTF_8);
        assertEquals(PARTNER_ADDED_SIGNATURE, "sha256=" + hmacSha256Hex(Webhooks.META_APP_SECRET, body));

        postMeta(body, PARTNER_ADDED_SIGNATURE).statusCode(200);

        List<ConsumerRecord<String, byte[]>> raw = rawRecordsOf(Topics.WEBHOOKS_RAW, body);
        assertEquals(1, raw.size(), "the raw topic holds the exact bytes, once");
        assertArrayEquals(body, raw.get(0).value());
        assertEquals("meta", header(raw.get(0), RawWebhookHeaders.WEBHOOK_SOURCE));
        assertEquals(PARTNER_ADDED_SIGNATURE, header(raw.get(0), RawWebhookHeaders.SIGNATURE));
        assertNull(header(raw.get(0), RawWebhookHeaders.META_APP_ID), "the single-app route names no app");
        String rawId = header(raw.get(0), RawWebhookHeaders.CE_ID);

        List<ConsumerRecord<String, String>> typed = TopicReader.await(Topics.META_WEBHOOK_EVENTS,
                r -> r.value().contains(rawId), 1, Duration.ofSeconds(20));
        assertEquals(1, typed.size());
        assertEquals("980198427658004", typed.get(0).key(), "keyed by waba_info.waba_id, not entry[].id");
        JsonNode event = JSON.readTree(typed.get(0).value());
        assertEquals("com.bsp.onboarding.meta.account_update.PARTNER_ADDED", event.get("type").asText());
        assertEquals("980198427658004", event.get("subject").asText());
        assertEquals("2025-04-16T17:18:52Z", event.get("time").asText());
        JsonNode data = event.get("data");
        assertEquals("980198427658004", data.get("waba_id").asText());
        assertEquals("2949482758682047", data.get("entry_id").asText());
        assertEquals("PARTNER_ADDED", data.get("event").asText());
        assertFalse(data.has("app_id"));
        assertEquals("1715120619246906", data.at("/value/waba_info/solution_id").asText());
    }

    @Test
    void derivesOneEventPerChangeOfABatchOfAThousand() throws Exception {
        String marker = UUID.randomUUID().toString();
        StringBuilder entries = new StringBuilder();
        for (int e = 0; e < 10; e++) {
            StringBuilder changes = new StringBuilder();
            for (int c = 0; c < 100; c++) {
                changes.append(c == 0 ? "" : ",").append("{\"field\":\"messages\",\"value\":{\"marker\":\"").append(marker)
                        .append("\",\"metadata\":{\"phone_number_id\":\"10654035224292").append(e).append("\"},\"statuses\":[{\"id\":\"wamid.")
                        .append(e).append('-').append(c).append("\",\"status\":\"delivered\"}]}}");
            }
            entries.append(e == 0 ? "" : ",").append("{\"id\":\"10").append(e).append("\",\"time\":1744823932,\"changes\":[")
                    .append(changes).append("]}");
        }
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[" + entries + "]}").getBytes(StandardCharsets.UTF_8);

        postMetaSigned(body).statusCode(200);

        List<ConsumerRecord<String, String>> typed = TopicReader.await(Topics.META_WEBHOOK_EVENTS,
                r -> r.value().contains(marker), 1000, Duration.ofSeconds(30));
        assertEquals(1000, typed.size());
        assertEquals(1000, typed.stream().map(r -> idOf(r.value())).collect(Collectors.toSet()).size(), "every change its own id");
        assertEquals(Set.of("100", "101", "102", "103", "104", "105", "106", "107", "108", "109"),
                typed.stream().map(ConsumerRecord::key).collect(Collectors.toSet()), "keyed by each entry's WABA");
    }

    @Test
    void givesARedeliveredWebhookTheSameIds() {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"555\",\"time\":1744823999,\"changes\":["
                + "{\"field\":\"account_update\",\"value\":{\"event\":\"ACCOUNT_VIOLATION\",\"marker\":\"" + marker + "\"}},"
                + "{\"field\":\"phone_number_quality_update\",\"value\":{\"current_limit\":\"TIER_1K\",\"marker\":\"" + marker + "\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);

        postMetaSigned(body).statusCode(200);
        postMetaSigned(body).statusCode(200);

        List<ConsumerRecord<String, String>> typed = TopicReader.await(Topics.META_WEBHOOK_EVENTS,
                r -> r.value().contains(marker), 4, Duration.ofSeconds(20));
        assertEquals(4, typed.size(), "both deliveries are kept");
        assertEquals(2, typed.stream().map(r -> idOf(r.value())).collect(Collectors.toSet()).size(),
                "but they carry the same two ids, so consumers drop the duplicates");
        List<ConsumerRecord<String, byte[]>> raw = rawRecordsOf(Topics.WEBHOOKS_RAW, body);
        assertEquals(header(raw.get(0), RawWebhookHeaders.CE_ID), header(raw.get(1), RawWebhookHeaders.CE_ID));
    }

    @Test
    void keepsUnknownFieldsAndEvents() {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"777\",\"time\":1744823999,\"changes\":["
                + "{\"field\":\"brand_new_field\",\"value\":{\"event\":\"SOMETHING_NEW\",\"novel\":{\"x\":1},\"marker\":\"" + marker + "\"}}]}],"
                + "\"unexpected_top_level\":true}").getBytes(StandardCharsets.UTF_8);

        postMetaSigned(body).statusCode(200);

        String value = TopicReader.await(Topics.META_WEBHOOK_EVENTS, r -> r.value().contains(marker), 1, Duration.ofSeconds(20))
                .get(0).value();
        assertTrue(value.contains("\"type\":\"com.bsp.onboarding.meta.brand_new_field.SOMETHING_NEW\""), value);
        assertTrue(value.contains("\"novel\":{\"x\":1}"), value);
    }

    @Test
    void quarantinesAnAuthenticButUnparseableBody() {
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\" broken " + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8);

        postMetaSigned(body).statusCode(200);

        List<ConsumerRecord<String, byte[]>> quarantined = awaitBytes(Topics.WEBHOOKS_QUARANTINE, body);
        assertEquals("body is not JSON", header(quarantined.get(0), RawWebhookHeaders.QUARANTINE_REASON));
        assertEquals("com.bsp.onboarding.webhook.quarantined.v1", header(quarantined.get(0), RawWebhookHeaders.CE_TYPE));
    }

    @Test
    void refusesAMissingSignature() {
        byte[] body = uniqueBody();
        postMeta(body, null).statusCode(401).contentType("application/problem+json");
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void refusesAWrongSignature() {
        byte[] body = uniqueBody();
        String signature = hmacSha256Hex(Webhooks.META_APP_SECRET, body);
        String tampered = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        postMeta(body, "sha256=" + tampered).statusCode(401);
        postMeta(body, "sha256=nothex").statusCode(401);
        postMeta(body, "sha256=" + hmacSha256Hex(Webhooks.META_APP_SECRET, "other body".getBytes(StandardCharsets.UTF_8))).statusCode(401);
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void refusesASignatureMadeWithARetiredSecret() {
        byte[] body = uniqueBody();
        postMeta(body, "sha256=" + hmacSha256Hex("app-secret-retired-long-ago", body)).statusCode(401);
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void acceptsThePreviousSecretDuringARotation() {
        byte[] body = uniqueBody();
        postMeta(body, "sha256=" + hmacSha256Hex(Webhooks.META_PREVIOUS_APP_SECRET, body)).statusCode(200);
        assertEquals(1, rawRecordsOf(Topics.WEBHOOKS_RAW, body).size());
    }

    @Test
    void refusesABodyOverThreeMegabytes() {
        byte[] body = new byte[3 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) 'x');
        postMetaSigned(body).statusCode(413);
    }

    @Test
    void answersTheVerificationChallenge() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", Webhooks.META_VERIFY_TOKEN)
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhooks/meta")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/plain")).body(equalTo("1158201444"));
    }

    @Test
    void refusesTheChallengeWithAWrongTokenOrMode() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess").queryParam("hub.challenge", "1")
                .when().get("/webhooks/meta").then().statusCode(403);
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", Webhooks.META_VERIFY_TOKEN)
                .queryParam("hub.challenge", "1").when().get("/webhooks/meta").then().statusCode(403);
        given().when().get("/webhooks/meta").then().statusCode(403);
    }

    static byte[] uniqueBody() {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"time\":1,\"changes\":[{\"field\":\"messages\",\"value\":{\"n\":\""
                + UUID.randomUUID() + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    static List<ConsumerRecord<String, byte[]>> awaitBytes(String topic, byte[] body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<ConsumerRecord<String, byte[]>> found = rawRecordsOf(topic, body);
            if (!found.isEmpty()) {
                return found;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("body never appeared on " + topic);
    }

    private static String idOf(String cloudEvent) {
        try {
            return JSON.readTree(cloudEvent).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

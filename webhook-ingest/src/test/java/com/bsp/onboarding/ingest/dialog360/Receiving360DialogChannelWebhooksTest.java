package com.bsp.onboarding.ingest.dialog360;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.ingest.support.Webhooks.CHANNEL_AUTH_HEADER;
import static com.bsp.onboarding.ingest.support.Webhooks.header;
import static com.bsp.onboarding.ingest.support.Webhooks.post360Channel;
import static com.bsp.onboarding.ingest.support.Webhooks.rawRecordsOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.bsp.onboarding.ingest.support.Webhooks;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A 360Dialog channel's messaging webhooks, posted to the URL and with the header waba-provisioner set on the channel. */
@QuarkusTest
class Receiving360DialogChannelWebhooksTest {

    private static final String CHANNEL_ID = "Mo6VYuCH";
    private static final String TYPED_STAGE_GROUP = "webhook-ingest-typed";

    @Test
    void storesTheExactBytesWithSourcePartnerAndChannelAndNoSecret() throws Exception {
        byte[] body = messageWebhook(UUID.randomUUID().toString());

        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID),
                "User-Agent", "360dialog-webhooks/1.0").statusCode(200);

        List<ConsumerRecord<String, byte[]>> raw = rawRecordsOf(Topics.WEBHOOKS_RAW, body);
        assertEquals(1, raw.size(), "the raw topic holds the exact bytes, once");
        ConsumerRecord<String, byte[]> record = raw.get(0);
        assertArrayEquals(body, record.value());
        assertNull(record.key());
        assertEquals("360dialog-channel", header(record, RawWebhookHeaders.WEBHOOK_SOURCE));
        assertEquals(Webhooks.PARTNER_ID, header(record, RawWebhookHeaders.PARTNER_ID));
        assertEquals(CHANNEL_ID, header(record, RawWebhookHeaders.CHANNEL_ID));
        assertEquals("1.0", header(record, RawWebhookHeaders.CE_SPECVERSION));
        assertEquals(WebhookEventTypes.RAW_RECEIVED, header(record, RawWebhookHeaders.CE_TYPE));
        assertEquals(WebhookEventTypes.SOURCE + "/360dialog-channel", header(record, RawWebhookHeaders.CE_SOURCE));
        assertNotNull(header(record, RawWebhookHeaders.CE_TIME));
        assertTrue(header(record, RawWebhookHeaders.CONTENT_TYPE).startsWith("application/json"));
        assertEquals("360dialog-webhooks/1.0", header(record, RawWebhookHeaders.USER_AGENT));
        assertNull(header(record, RawWebhookHeaders.SIGNATURE), "channel webhooks are not signed");
        assertEquals(sha256Hex("360dialog-channel|" + Webhooks.PARTNER_ID + "|" + CHANNEL_ID + "|", body),
                header(record, RawWebhookHeaders.CE_ID), "ce_id: SHA-256 of source, partner, channel and body");
        for (Header h : record.headers()) {
            assertFalse(new String(h.value(), StandardCharsets.UTF_8).contains(Webhooks.channelAuth(CHANNEL_ID)),
                    "the channel auth value is never stored (header " + h.key() + ")");
        }
    }

    @Test
    void aRedeliveredWebhookHasTheSameIdAndAnotherChannelsADifferentOne() {
        byte[] body = messageWebhook(UUID.randomUUID().toString());

        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID)).statusCode(200);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID)).statusCode(200);
        post360Channel(Webhooks.PARTNER_ID, "otherCH", body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth("otherCH")).statusCode(200);

        List<ConsumerRecord<String, byte[]>> raw = rawRecordsOf(Topics.WEBHOOKS_RAW, body);
        assertEquals(3, raw.size());
        List<String> sameChannel = raw.stream().filter(r -> CHANNEL_ID.equals(header(r, RawWebhookHeaders.CHANNEL_ID)))
                .map(r -> header(r, RawWebhookHeaders.CE_ID)).toList();
        String otherChannel = raw.stream().filter(r -> "otherCH".equals(header(r, RawWebhookHeaders.CHANNEL_ID)))
                .map(r -> header(r, RawWebhookHeaders.CE_ID)).findFirst().orElseThrow();
        assertEquals(2, sameChannel.size());
        assertEquals(sameChannel.get(0), sameChannel.get(1), "a redelivered identical body keeps its ce_id");
        assertNotEquals(sameChannel.get(0), otherChannel, "the channel is part of the id");
    }

    @Test
    void refusesAMissingOrWrongChannelAuthHeaderAndStoresNothing() {
        byte[] body = messageWebhook(UUID.randomUUID().toString());

        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body).statusCode(401).contentType("application/problem+json");
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, "a-wrong-channel-guess").statusCode(401)
                .contentType("application/problem+json")
                .body(not(containsString(Webhooks.channelAuth(CHANNEL_ID)))).body(not(containsString("a-wrong-channel-guess")));
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, "").statusCode(401);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID) + "x").statusCode(401);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, "X-Partner-Auth", Webhooks.channelAuth(CHANNEL_ID)).statusCode(401);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.PLATFORM_SECRET).statusCode(401);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, "x-360dialog-signature",
                Webhooks.hmacSha256Hex(Webhooks.PLATFORM_SECRET, body)).statusCode(401);

        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void oneChannelsValueAuthenticatesNoOtherChannelAndTheHubKeyItselfNone() {
        byte[] body = messageWebhook(UUID.randomUUID().toString());
        String ownValue = Webhooks.channelAuth(CHANNEL_ID);

        // Whoever holds CHANNEL_ID's API key can read this value from its webhook config: it opens nothing else.
        post360Channel(Webhooks.PARTNER_ID, "victimCH", body, CHANNEL_AUTH_HEADER, ownValue).statusCode(401)
                .contentType("application/problem+json");
        post360Channel(Webhooks.PARTNER_ID, "victimCH", body, CHANNEL_AUTH_HEADER, Webhooks.CHANNEL_AUTH_KEY).statusCode(401);
        post360Channel(Webhooks.PARTNER_ID, "victimCH", body, CHANNEL_AUTH_HEADER,
                Webhooks.channelAuth(Webhooks.CHANNEL_AUTH_KEY, "anotherPartner", "victimCH")).statusCode(401);
        post360Channel(Webhooks.LEGACY_PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, ownValue).statusCode(401);
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty(), "nothing forged is stored");

        post360Channel(Webhooks.PARTNER_ID, "victimCH", body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth("victimCH")).statusCode(200);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, ownValue).statusCode(200);
        assertEquals(2, rawRecordsOf(Topics.WEBHOOKS_RAW, body).size());
    }

    @Test
    void duringAKeyRotationValuesOfThePreviousKeyStillAuthenticateAndThoseOfOtherKeysDoNot() {
        byte[] body = messageWebhook(UUID.randomUUID().toString());
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER,
                Webhooks.channelAuth(Webhooks.PREVIOUS_CHANNEL_AUTH_KEY, Webhooks.PARTNER_ID, CHANNEL_ID)).statusCode(200);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER,
                Webhooks.channelAuth("a-retired-or-guessed-key", Webhooks.PARTNER_ID, CHANNEL_ID)).statusCode(401);
        post360Channel(Webhooks.PARTNER_ID, "rotatedCH", body, CHANNEL_AUTH_HEADER,
                Webhooks.channelAuth(Webhooks.PREVIOUS_CHANNEL_AUTH_KEY, Webhooks.PARTNER_ID, CHANNEL_ID)).statusCode(401);
        assertEquals(1, rawRecordsOf(Topics.WEBHOOKS_RAW, body).size());
    }

    @Test
    void aHubNotYetMigratedAcceptsItsOldSharedValueWhileItIsConfigured() {
        byte[] body = messageWebhook(UUID.randomUUID().toString());
        post360Channel(Webhooks.LEGACY_PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.LEGACY_CHANNEL_AUTH_VALUE)
                .statusCode(200);
        post360Channel(Webhooks.LEGACY_PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, "not-the-shared-value").statusCode(401);
        // The alpha hub has no shared value any more: nothing but derived values opens it.
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.LEGACY_CHANNEL_AUTH_VALUE).statusCode(401);
        assertEquals(1, rawRecordsOf(Topics.WEBHOOKS_RAW, body).size());
    }

    @Test
    void answersNotFoundForAnUnknownPartner() {
        byte[] body = messageWebhook(UUID.randomUUID().toString());
        post360Channel("unknownPartner", CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID)).statusCode(404)
                .contentType("application/problem+json");
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void isNeverOpenForAHubWithoutAChannelAuthKey() {
        byte[] body = messageWebhook(UUID.randomUUID().toString());
        post360Channel(Webhooks.GUARDED_PARTNER_ID, CHANNEL_ID, body).statusCode(404).contentType("application/problem+json");
        post360Channel(Webhooks.GUARDED_PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, "").statusCode(404);
        post360Channel(Webhooks.GUARDED_PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID)).statusCode(404);
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void refusesAPathThatIsNotAChannelId() {
        byte[] body = messageWebhook(UUID.randomUUID().toString());
        post360Channel(Webhooks.PARTNER_ID, "ch|x", body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth("ch|x")).statusCode(404);
        post360Channel(Webhooks.PARTNER_ID, "c".repeat(129), body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth("c".repeat(129))).statusCode(404);
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void refusesABodyOverThreeMegabytes() {
        byte[] body = new byte[3 * 1024 * 1024 + 1];
        Arrays.fill(body, (byte) 'x');
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID)).statusCode(413);
    }

    @Test
    void theTypedStageNeitherTypesNorQuarantinesIt() throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] body = messageWebhook(marker);
        byte[] notJson = ("not json at all " + marker).getBytes(StandardCharsets.UTF_8);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID)).statusCode(200);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, notJson, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID)).statusCode(200);
        ConsumerRecord<String, byte[]> stored = rawRecordsOf(Topics.WEBHOOKS_RAW, body).get(0);
        ConsumerRecord<String, byte[]> storedNotJson = rawRecordsOf(Topics.WEBHOOKS_RAW, notJson).get(0);

        // The stage commits a batch's offsets only after its derived events are in Kafka: once both records
        // are committed, whatever the stage would have derived from them would be on the topics.
        awaitCommittedPast(stored);
        awaitCommittedPast(storedNotJson);

        for (String topic : List.of(Topics.META_WEBHOOK_EVENTS, Topics.DIALOG360_WEBHOOK_EVENTS, Topics.WEBHOOKS_QUARANTINE)) {
            assertTrue(TopicReader.readAll(topic).stream().noneMatch(r -> r.value() != null && r.value().contains(marker)),
                    "a channel webhook derives nothing on " + topic);
        }
        given().when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("webhooks_typed_skipped_total{source=\"360dialog-channel\"}"))
                .body(containsString("webhooks_accepted_total{source=\"360dialog-channel\"}"));
    }

    @Test
    void neverLogsTheChannelAuthValueOrAGuess() throws Exception {
        byte[] body = messageWebhook(UUID.randomUUID().toString());
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, "another-wrong-channel-guess").statusCode(401);
        post360Channel(Webhooks.PARTNER_ID, CHANNEL_ID, body, CHANNEL_AUTH_HEADER, Webhooks.channelAuth(CHANNEL_ID)).statusCode(200);
        String log = Files.readString(Path.of("target", "webhook-ingest-test.log"));
        assertFalse(log.contains(Webhooks.channelAuth(CHANNEL_ID)), "the log must not contain the channel auth value");
        assertFalse(log.contains("another-wrong-channel-guess"), "the log must not contain a presented value");
    }

    /** A Cloud API shaped messaging webhook, as 360Dialog forwards a channel's messages. */
    static byte[] messageWebhook(String marker) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"4915112345678\","
                + "\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"Kerry Fisher\"},"
                + "\"wa_id\":\"16315551234\"}],\"messages\":[{\"from\":\"16315551234\",\"id\":\"wamid." + marker + "\","
                + "\"timestamp\":\"1744823932\",\"text\":{\"body\":\"Hello\"},\"type\":\"text\"}]},\"field\":\"messages\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitCommittedPast(ConsumerRecord<?, ?> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers()))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(TYPED_STAGE_GROUP)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    private static String sha256Hex(String prefix, byte[] body) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(body));
    }
}

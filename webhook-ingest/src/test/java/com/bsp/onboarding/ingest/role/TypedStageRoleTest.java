package com.bsp.onboarding.ingest.role;

import static com.bsp.onboarding.ingest.support.Webhooks.postMetaSigned;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A replica with the typed stage only: it derives typed events from the raw topic and takes no webhook itself. */
@QuarkusTest
@TestProfile(TypedStageRoleTest.TypedStageOnly.class)
class TypedStageRoleTest {

    public static class TypedStageOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.roles.intake", "false");
        }
    }

    @Test
    void refusesWebhooksWith404() {
        postMetaSigned(("{\"object\":\"whatsapp_business_account\",\"entry\":[],\"n\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8))
                .statusCode(404).contentType("application/problem+json").body("detail", containsString("ingest.roles.intake"));
    }

    @Test
    void derivesTypedEventsFromRawWebhooksAnotherReplicaStored() throws Exception {
        String waba = String.valueOf(100_000_000_000L + (long) (Math.random() * 899_999_999_999L));
        String rawId = "raw-" + UUID.randomUUID();
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"2949482758682047\",\"time\":1744823932,"
                + "\"changes\":[{\"value\":{\"event\":\"PARTNER_ADDED\",\"waba_info\":{\"waba_id\":\"" + waba
                + "\",\"owner_business_id\":\"2329417887457253\"}},\"field\":\"account_update\"}]}]}").getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> raw = new ProducerRecord<>(Topics.WEBHOOKS_RAW, rawId, body);
        raw.headers().add(RawWebhookHeaders.CE_ID, rawId.getBytes(StandardCharsets.UTF_8));
        raw.headers().add(RawWebhookHeaders.CE_TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        raw.headers().add(RawWebhookHeaders.WEBHOOK_SOURCE, RawWebhookHeaders.SOURCE_META.getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(raw).get(20, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> typed = TopicReader.await(Topics.META_WEBHOOK_EVENTS,
                r -> r.value().contains(rawId), 1, Duration.ofSeconds(30));
        assertEquals(waba, typed.get(0).key());
    }
}

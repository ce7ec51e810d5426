package com.bsp.onboarding.link.support;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records to the real test broker as webhook-ingest and waba-provisioner do: structured CloudEvents. */
public final class KafkaEvents {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private KafkaEvents() {
    }

    /** Sends {@code event} as the whole record value, keyed like its producer keys it, and waits for the ack. */
    public static void send(String topic, String key, CloudEvent<?> event) {
        try {
            send(topic, key, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends any value, for records that are not what the contract says. */
    public static void send(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        // A producer per send: a few milliseconds against a local broker, and nothing to close between tests
        // (one test stops and restarts the broker).
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write to " + topic, e);
        }
    }
}

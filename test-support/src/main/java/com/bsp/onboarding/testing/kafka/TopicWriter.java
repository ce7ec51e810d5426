package com.bsp.onboarding.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records to the real test broker as the services do: structured CloudEvents, the whole event as the value. */
public final class TopicWriter {

    /** The record header structured-mode CloudEvents carry (the contract's CloudEvent.CONTENT_TYPE). */
    private static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private TopicWriter() {
    }

    /** Sends {@code value} (any text, also one that is not what the contract says) and waits for the ack. */
    public static void send(String topic, String key, String value) {
        sendAll(topic, List.of(Map.entry(key, value)));
    }

    /**
     * Sends every (key, value) at once, in order, and waits for all the acks: written together, they are most
     * likely read in one poll.
     */
    public static void sendAll(String topic, List<Map.Entry<String, String>> keyedValues) {
        // A producer per call: a few milliseconds against a local broker, and nothing to close between tests
        // (some tests stop and restart the broker).
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Map.Entry<String, String> keyed : keyedValues) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, keyed.getKey(), keyed.getValue());
                record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write to " + topic, e);
        }
    }
}

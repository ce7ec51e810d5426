package com.bsp.onboarding.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the real test broker from the beginning, as an independent consumer would. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Polls until {@code count} records match, or fails after {@code timeout}; returns the matches. */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
            int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> matches = List.of();
        while (System.nanoTime() < deadline) {
            matches = readAll(topic).stream().filter(match).collect(Collectors.toList());
            if (matches.size() >= count) {
                return matches;
            }
            sleep(200);
        }
        throw new AssertionError("Expected " + count + " matching records on " + topic + " within " + timeout
                + ", found " + matches.size());
    }

    /** Everything currently on the topic (all partitions, from offset 0 to the end), values as text. */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        return readAll(topic, StringDeserializer.class);
    }

    /** Everything currently on the topic, values as the exact bytes written. */
    public static List<ConsumerRecord<String, byte[]>> readAllBytes(String topic) {
        return readAll(topic, ByteArrayDeserializer.class);
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(String topic, Class<? extends Deserializer<V>> values) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, values.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

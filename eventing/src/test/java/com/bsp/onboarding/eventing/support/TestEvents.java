package com.bsp.onboarding.eventing.support;

import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.testing.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Events numbered per key on a topic of their own, and what of them reached Kafka. */
public final class TestEvents {

    private static final Pattern FIELDS = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"key\":\"([^\"]+)\",\"n\":(\\d+)}");

    private TestEvents() {
    }

    public static String newTopic(String purpose) {
        return "eventing-test." + purpose + "." + UUID.randomUUID();
    }

    /** The {@code n}th event of {@code key}. */
    public static OutboxRecord event(String topic, String key, int n) {
        UUID id = UUID.randomUUID();
        return new OutboxRecord(id, topic, key, "test.numbered",
                "{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"n\":" + n + "}");
    }

    /** Waits until {@code expected} distinct events are on the topic; returns every record read (duplicates too). */
    public static List<ConsumerRecord<String, String>> awaitDistinct(String topic, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> records = List.of();
        while (System.nanoTime() < deadline) {
            records = TopicReader.readAll(topic);
            if (ids(records).size() >= expected) {
                return records;
            }
            sleep(200);
        }
        throw new AssertionError("Expected " + expected + " distinct events on " + topic + " within " + timeout
                + ", found " + ids(records).size());
    }

    public static Set<String> ids(List<ConsumerRecord<String, String>> records) {
        return Set.copyOf(records.stream().map(r -> field(r, 1)).toList());
    }

    /** Per key, the numbers of its events in the order Kafka holds them. */
    public static Map<String, List<Integer>> numbersByKey(List<ConsumerRecord<String, String>> records) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (!record.key().equals(field(record, 2))) {
                throw new AssertionError("record key " + record.key() + " is not the event's key: " + record.value());
            }
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Integer.parseInt(field(record, 3)));
        }
        return byKey;
    }

    private static String field(ConsumerRecord<String, String> record, int group) {
        Matcher m = FIELDS.matcher(record.value());
        if (!m.matches()) {
            throw new AssertionError("not a test event: " + record.value());
        }
        return m.group(group);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

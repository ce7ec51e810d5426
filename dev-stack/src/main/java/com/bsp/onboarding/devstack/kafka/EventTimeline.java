package com.bsp.onboarding.devstack.kafka;

import com.bsp.onboarding.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints, in time order, every event on the system's topics that concerns the given ids (a WABA, a
 * client, a link, a channel...): what the demo shows after driving an onboarding.
 *
 * <pre>
 * java -cp 'dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar:dev-stack/target/lib/*' \
 *     com.bsp.onboarding.devstack.kafka.EventTimeline localhost:9092 &lt;id&gt; [&lt;id&gt; ...]
 * </pre>
 *
 * An event concerns an id when its record key, CloudEvent subject or data mentions it. Secrets never
 * travel in plain text on these topics, so printing the type and subject shows nothing sensitive.
 */
public final class EventTimeline {

    static final List<String> TOPICS = List.of(Topics.IO_LINK_EVENTS, Topics.WEBHOOKS_RAW, Topics.META_WEBHOOK_EVENTS,
            Topics.DIALOG360_WEBHOOK_EVENTS, Topics.WEBHOOKS_QUARANTINE, Topics.SIGNUP_EVENTS, Topics.PROVISIONING_EVENTS,
            Topics.PROVISIONING_DEAD_LETTERS);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Line(Instant at, String topic, String type, String subject) {
    }

    private EventTimeline() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: EventTimeline <bootstrap-servers> <id> [<id> ...]");
            System.exit(2);
        }
        Set<String> ids = Set.of(args).stream().skip(1).collect(Collectors.toSet());
        List<Line> lines = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                var infos = consumer.listTopics(Duration.ofSeconds(10)).get(topic);
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Line line = line(record, ids);
                    if (line != null) {
                        lines.add(line);
                    }
                }
            }
        }
        lines.sort(Comparator.comparing(Line::at));
        Instant first = lines.isEmpty() ? Instant.now() : lines.get(0).at();
        for (Line line : lines) {
            System.out.printf("  +%6.2fs  %-30s %-62s %s%n", Duration.between(first, line.at()).toMillis() / 1000.0, line.topic(),
                    line.type(), line.subject() == null ? "" : line.subject());
        }
    }

    private static Line line(ConsumerRecord<String, byte[]> record, Set<String> ids) {
        String value = new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.UTF_8);
        boolean concerned = ids.contains(record.key()) || ids.stream().anyMatch(value::contains);
        if (!concerned) {
            return null;
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (record.topic().equals(Topics.WEBHOOKS_RAW) || record.topic().equals(Topics.WEBHOOKS_QUARANTINE)) {
            // Binary mode: the body is the webhook; the CloudEvent attributes are headers.
            return new Line(at, record.topic(), header(record, "ce_type") + " (" + header(record, "webhook-source") + ")", null);
        }
        try {
            JsonNode event = JSON.readTree(value);
            return new Line(at, record.topic(), event.path("type").asText("?"), event.path("subject").asText(record.key()));
        } catch (Exception e) {
            return new Line(at, record.topic(), "(not JSON)", record.key());
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}

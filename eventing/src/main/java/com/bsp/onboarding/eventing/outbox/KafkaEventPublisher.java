package com.bsp.onboarding.eventing.outbox;

import com.bsp.onboarding.contracts.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Writes relayed events to Kafka. The channel's producer uses acks=all and idempotence, so a record
 * counts as sent only once every in-sync replica has it, and per-partition order is kept.
 */
@ApplicationScoped
public class KafkaEventPublisher {

    public static final String CHANNEL = "outbox-events";

    private final MutinyEmitter<String> emitter;

    public KafkaEventPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka acknowledged the record; fails when it did not within {@code timeout}. */
    public Uni<Void> publish(String topic, String key, String cloudEventJson, Duration timeout) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(cloudEventJson).addMetadata(metadata))
                .ifNoItem().after(timeout).failWith(() -> new KafkaUnavailableException(topic, timeout));
    }

    public static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String topic, Duration timeout) {
            super("Kafka did not acknowledge a record on " + topic + " within " + timeout.toMillis() + " ms", null, false, false);
        }
    }
}

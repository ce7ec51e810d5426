package com.bsp.onboarding.ingest.raw;

import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_ID;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_SOURCE;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_SPECVERSION;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_TIME;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_TYPE;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CHANNEL_ID;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CONTENT_TYPE;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.PARTNER_ID;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.SIGNATURE;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.USER_AGENT;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.WEBHOOK_SOURCE;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.bsp.onboarding.ingest.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Puts a raw webhook on {@link Topics#WEBHOOKS_RAW} and completes only once Kafka acknowledged it
 * (acks=all, idempotent producer): the sender's 200 is never ahead of durability. When Kafka cannot
 * take it in time, the Uni fails and the sender is told to retry.
 */
@ApplicationScoped
public class RawWebhookWriter {

    public static final String CHANNEL = "webhooks-raw";

    private final MutinyEmitter<byte[]> emitter;
    private final Duration timeout;
    private final Timer kafkaLatency;

    public RawWebhookWriter(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<byte[]> emitter, IngestConfig config, MeterRegistry meters) {
        this.emitter = emitter;
        this.timeout = config.kafkaTimeout();
        this.kafkaLatency = Timer.builder("webhooks_kafka_write_seconds")
                .description("From handing a webhook to Kafka until Kafka acknowledged it")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    public Uni<Void> write(RawWebhook webhook) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CE_SPECVERSION, CloudEvent.SPEC_VERSION);
        add(headers, CE_ID, webhook.id());
        add(headers, CE_SOURCE, WebhookEventTypes.SOURCE + "/" + webhook.source());
        add(headers, CE_TYPE, WebhookEventTypes.RAW_RECEIVED);
        add(headers, CE_TIME, webhook.receivedAt().toString());
        add(headers, CONTENT_TYPE, webhook.contentType());
        add(headers, WEBHOOK_SOURCE, webhook.source());
        add(headers, PARTNER_ID, webhook.partnerId());
        add(headers, CHANNEL_ID, webhook.channelId());
        add(headers, SIGNATURE, webhook.signature());
        add(headers, USER_AGENT, webhook.userAgent());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.WEBHOOKS_RAW)
                .withHeaders(headers)
                .build();
        long start = System.nanoTime();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(webhook.body()).addMetadata(metadata)))
                .ifNoItem().after(timeout).failWith(() -> new KafkaUnavailableException("no acknowledgement within " + timeout.toMillis() + " ms"))
                .onFailure().transform(e -> e instanceof KafkaUnavailableException ? e : new KafkaUnavailableException(e.getClass().getSimpleName()))
                .invoke(() -> kafkaLatency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Kafka did not take the webhook in time (down, overloaded, or the send buffer is full). */
    public static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String reason) {
            super("Kafka did not take the webhook: " + reason, null, false, false);
        }
    }
}

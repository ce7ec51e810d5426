package com.bsp.onboarding.ingest.typed;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Derives typed events from the raw topic, a batch at a time. A batch's offsets are committed only
 * after every event derived from it is in Kafka; if that fails the whole batch is published again
 * (same content-derived ids, so consumers see duplicates, never gaps). What cannot be parsed goes to
 * quarantine with the exact bytes. 360Dialog channel (messaging) webhooks are not onboarding events:
 * they are skipped (counted in {@code webhooks_typed_skipped_total}) and stay in the raw topic only.
 */
@ApplicationScoped
public class TypedEventStage {

    static final String RAW_IN = "webhooks-raw-in";
    static final String TYPED_OUT = "webhooks-typed";
    private static final Logger LOG = Logger.getLogger(TypedEventStage.class);

    private final MutinyEmitter<byte[]> emitter;
    private final MetaWebhookParser metaParser;
    private final Dialog360WebhookParser dialog360Parser;
    private final MeterRegistry meters;

    public TypedEventStage(@Channel(TYPED_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<byte[]> emitter, MeterRegistry meters) {
        ObjectMapper json = EventJson.newMapper();
        this.emitter = emitter;
        this.metaParser = new MetaWebhookParser(json.getFactory());
        this.dialog360Parser = new Dialog360WebhookParser(json);
        this.meters = meters;
    }

    /**
     * Parsing a batch (up to 500 bodies of up to 3 MB) is CPU work: it runs on a worker thread so the
     * event loops keep answering webhooks meanwhile.
     */
    @Incoming(RAW_IN)
    public Uni<Void> derive(KafkaRecordBatch<String, byte[]> batch) {
        return Uni.createFrom().item(() -> deriveAll(batch))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(this::publish)
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private List<Message<byte[]>> deriveAll(KafkaRecordBatch<String, byte[]> batch) {
        List<Message<byte[]>> out = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            out.addAll(derive(record));
        }
        return out;
    }

    private Uni<Void> publish(List<Message<byte[]>> out) {
        return Uni.createFrom().deferred(() -> publishAll(out))
                .onFailure().invoke(e -> LOG.warnf("Typed events of a raw batch not published, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .invoke(() -> meters.counter("webhooks_typed_events_total").increment(out.size()));
    }

    private List<Message<byte[]>> derive(KafkaRecord<String, byte[]> record) {
        Headers headers = record.getHeaders();
        String source = header(headers, RawWebhookHeaders.WEBHOOK_SOURCE);
        if (RawWebhookHeaders.SOURCE_360DIALOG_CHANNEL.equals(source)) {
            meters.counter("webhooks_typed_skipped_total", "source", source).increment();
            return List.of();
        }
        String rawId = header(headers, RawWebhookHeaders.CE_ID);
        String time = header(headers, RawWebhookHeaders.CE_TIME);
        Instant receivedAt = time != null ? Instant.parse(time) : Instant.now();
        try {
            List<TypedEvent> events;
            if (RawWebhookHeaders.SOURCE_META.equals(source)) {
                events = metaParser.parse(rawId, record.getPayload(), receivedAt);
            } else if (RawWebhookHeaders.SOURCE_360DIALOG.equals(source)) {
                events = dialog360Parser.parse(rawId, header(headers, RawWebhookHeaders.PARTNER_ID), record.getPayload(),
                        receivedAt);
            } else {
                throw new UnparseableWebhookException("unknown webhook source " + source);
            }
            List<Message<byte[]>> messages = new ArrayList<>(events.size());
            for (TypedEvent event : events) {
                messages.add(typed(event));
            }
            return messages;
        } catch (UnparseableWebhookException e) {
            meters.counter("webhooks_quarantined_total", "source", String.valueOf(source)).increment();
            LOG.warnf("Raw webhook %s quarantined: %s", rawId, e.getMessage());
            return List.of(quarantined(record, e.getMessage()));
        }
    }

    private Uni<Void> publishAll(List<Message<byte[]>> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(messages.size());
        for (Message<byte[]> message : messages) {
            sends.add(emitter.sendMessage(message));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static Message<byte[]> typed(TypedEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return Message.of(event.cloudEventJson()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic()).withKey(event.key()).withHeaders(headers).build());
    }

    /** The raw record as it was, re-typed and with the reason; the bytes are untouched. */
    private static Message<byte[]> quarantined(KafkaRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.getHeaders()) {
            if (!header.key().equals(RawWebhookHeaders.CE_TYPE)) {
                headers.add(header);
            }
        }
        headers.add(RawWebhookHeaders.CE_TYPE, WebhookEventTypes.QUARANTINED.getBytes(StandardCharsets.UTF_8));
        headers.add(RawWebhookHeaders.QUARANTINE_REASON, reason.getBytes(StandardCharsets.UTF_8));
        return Message.of(record.getPayload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.WEBHOOKS_QUARANTINE).withHeaders(headers).build());
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

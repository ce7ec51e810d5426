package com.bsp.onboarding.ingest.typed;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * quarantine with the exact bytes. A Meta webhook becomes one event per change ({@link MetaWebhookParser},
 * below); a 360Dialog partner webhook one event ({@link Dialog360WebhookParser}). 360Dialog channel
 * (messaging) webhooks are not onboarding events: they are skipped (counted in
 * {@code webhooks_typed_skipped_total}) and stay in the raw topic only.
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
                events = metaParser.parse(rawId, header(headers, RawWebhookHeaders.META_APP_ID), record.getPayload(), receivedAt);
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

    /** A derived event ready for Kafka: a structured-mode CloudEvent. */
    record TypedEvent(String topic, String key, String id, byte[] cloudEventJson) {
    }

    /**
     * Splits a Meta webhook into one typed event per {@code entry[].changes[]}: every entry and every
     * change, whatever the field or event.
     *
     * <p>This is the hot path of the typed stage (Meta batches up to 1000 changes, and message statuses
     * arrive at thousands per second), so it reads the body with a streaming parser and copies each
     * change's {@code value} into the event as the exact bytes Meta sent, instead of building a tree and
     * serialising it again. The event's data has the shape of
     * {@link com.bsp.onboarding.contracts.webhook.MetaWebhookChange}.
     */
    static final class MetaWebhookParser {

        private final JsonFactory json;

        MetaWebhookParser(JsonFactory json) {
            this.json = json;
        }

        /** A change as located in the body: {@code value} is {@code [valueStart, valueEnd)} of the body bytes. */
        private record Change(String field, String event, String wabaInfoWabaId, int valueStart, int valueEnd) {
        }

        private record Entry(String id, Long time, List<Change> changes) {
        }

        /** @param appId the Meta app whose route received the webhook; null on the single-app route */
        List<TypedEvent> parse(String rawId, String appId, byte[] body, Instant receivedAt) throws UnparseableWebhookException {
            String object = null;
            List<Entry> entries = null;
            try (JsonParser parser = json.createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new UnparseableWebhookException("body is not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken token = parser.nextToken();
                    if (name.equals("object") && token == JsonToken.VALUE_STRING) {
                        object = parser.getText();
                    } else if (name.equals("entry")) {
                        if (token != JsonToken.START_ARRAY) {
                            throw new UnparseableWebhookException("no entry array");
                        }
                        entries = readEntries(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                if (parser.nextToken() != null) {
                    throw new UnparseableWebhookException("body is not JSON");
                }
            } catch (IOException e) {
                throw new UnparseableWebhookException("body is not JSON");
            }
            if (entries == null) {
                throw new UnparseableWebhookException("no entry array");
            }
            List<TypedEvent> events = new ArrayList<>();
            for (Entry entry : entries) {
                for (Change change : entry.changes()) {
                    events.add(toEvent(rawId, appId, object, entry, change, body, receivedAt));
                }
            }
            return events;
        }

        private List<Entry> readEntries(JsonParser parser) throws IOException, UnparseableWebhookException {
            List<Entry> entries = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new UnparseableWebhookException("an entry that is not an object");
                }
                String id = null;
                Long time = null;
                List<Change> changes = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken token = parser.nextToken();
                    if (name.equals("id")) {
                        id = scalarText(parser, token);
                    } else if (name.equals("time") && token == JsonToken.VALUE_NUMBER_INT) {
                        time = parser.getLongValue();
                    } else if (name.equals("changes") && token == JsonToken.START_ARRAY) {
                        changes = readChanges(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                if (changes == null) {
                    throw new UnparseableWebhookException("an entry without a changes array");
                }
                entries.add(new Entry(id, time, changes));
            }
            return entries;
        }

        private List<Change> readChanges(JsonParser parser) throws IOException, UnparseableWebhookException {
            List<Change> changes = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new UnparseableWebhookException("a change that is not an object");
                }
                String field = null;
                String event = null;
                String wabaId = null;
                int valueStart = -1;
                int valueEnd = -1;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken token = parser.nextToken();
                    if (name.equals("field")) {
                        field = scalarText(parser, token);
                    } else if (name.equals("value")) {
                        valueStart = (int) parser.currentTokenLocation().getByteOffset();
                        if (token == JsonToken.START_OBJECT) {
                            String[] found = readValueIds(parser);
                            event = found[0];
                            wabaId = found[1];
                        } else {
                            parser.skipChildren();
                        }
                        valueEnd = (int) parser.currentLocation().getByteOffset();
                    } else {
                        parser.skipChildren();
                    }
                }
                if (field == null) {
                    throw new UnparseableWebhookException("a change without a field");
                }
                changes.add(new Change(field, event, wabaId, valueStart, valueEnd));
            }
            return changes;
        }

        /** Walks a change's value object; returns its {@code event} and {@code waba_info.waba_id}, if any. */
        private static String[] readValueIds(JsonParser parser) throws IOException {
            String[] found = new String[2];
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals("event") && token == JsonToken.VALUE_STRING) {
                    found[0] = parser.getText();
                } else if (name.equals("waba_info") && token == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String infoName = parser.currentName();
                        JsonToken infoToken = parser.nextToken();
                        if (infoName.equals("waba_id")) {
                            found[1] = scalarText(parser, infoToken);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return found;
        }

        private TypedEvent toEvent(String rawId, String appId, String object, Entry entry, Change change, byte[] body,
                Instant receivedAt) {
            // Partner events (PARTNER_ADDED, ...) come on the partner's business entry: the WABA is in waba_info.
            String wabaId = change.wabaInfoWabaId() != null ? change.wabaInfoWabaId() : entry.id();
            boolean hasValue = change.valueStart() >= 0;
            int valueLength = hasValue ? change.valueEnd() - change.valueStart() : 0;
            // The app is part of the id only where there is one, so single-app ids are unchanged; with it, one
            // change sent to two apps is two events (each names its app).
            String[] idParts = appId == null
                    ? new String[] {"meta", entry.id(), String.valueOf(entry.time()), change.field()}
                    : new String[] {"meta", entry.id(), String.valueOf(entry.time()), change.field(), appId};
            String id = ContentIds.of(hasValue ? body : null, change.valueStart(), valueLength, idParts);
            Instant time = entry.time() != null ? Instant.ofEpochSecond(entry.time()) : receivedAt;
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 + valueLength);
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringField("specversion", CloudEvent.SPEC_VERSION);
                generator.writeStringField("id", id);
                generator.writeStringField("source", WebhookEventTypes.SOURCE);
                generator.writeStringField("type", WebhookEventTypes.meta(change.field(), change.event()));
                writeIfPresent(generator, "subject", wabaId);
                generator.writeStringField("time", time.toString());
                generator.writeStringField("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
                generator.writeObjectFieldStart("data");
                generator.writeStringField("raw_id", rawId);
                writeIfPresent(generator, "object", object);
                writeIfPresent(generator, "entry_id", entry.id());
                if (entry.time() != null) {
                    generator.writeNumberField("entry_time", entry.time());
                }
                generator.writeStringField("field", change.field());
                writeIfPresent(generator, "event", change.event());
                writeIfPresent(generator, "waba_id", wabaId);
                writeIfPresent(generator, "app_id", appId);
                if (hasValue) {
                    generator.writeFieldName("value");
                    generator.writeRawValue(new RawJsonBytes(body, change.valueStart(), valueLength));
                }
                generator.writeEndObject();
                generator.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("Writing to memory cannot fail", e);
            }
            return new TypedEvent(Topics.META_WEBHOOK_EVENTS, wabaId != null ? wabaId : rawId, id, out.toByteArray());
        }

        private static void writeIfPresent(JsonGenerator generator, String name, String value) throws IOException {
            if (value != null) {
                generator.writeStringField(name, value);
            }
        }

        /** Ids arrive as strings or numbers depending on the payload; both read as text. */
        private static String scalarText(JsonParser parser, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                String text = parser.getText();
                return text.isEmpty() ? null : text;
            }
            parser.skipChildren();
            return null;
        }
    }
}

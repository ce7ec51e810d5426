package com.bsp.onboarding.ingest.typed;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.MetaWebhookChange;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Meta webhook into one typed event per {@code entry[].changes[]}: every entry and every
 * change, whatever the field or event, with the change's value kept whole.
 */
final class MetaWebhookParser {

    private final ObjectMapper json;

    MetaWebhookParser(ObjectMapper json) {
        this.json = json;
    }

    List<TypedEvent> parse(String rawId, byte[] body, Instant receivedAt) throws UnparseableWebhookException {
        JsonNode root = readObject(body);
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw new UnparseableWebhookException("no entry array");
        }
        String object = text(root.get("object"));
        List<TypedEvent> events = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode changes = entry.get("changes");
            if (!entry.isObject() || changes == null || !changes.isArray()) {
                throw new UnparseableWebhookException("an entry without a changes array");
            }
            String entryId = text(entry.get("id"));
            Long entryTime = entry.path("time").canConvertToLong() ? entry.get("time").asLong() : null;
            for (JsonNode change : changes) {
                events.add(toEvent(rawId, object, entryId, entryTime, change, receivedAt));
            }
        }
        return events;
    }

    private TypedEvent toEvent(String rawId, String object, String entryId, Long entryTime, JsonNode change,
            Instant receivedAt) throws UnparseableWebhookException {
        String field = text(change.get("field"));
        if (field == null) {
            throw new UnparseableWebhookException("a change without a field");
        }
        JsonNode value = change.path("value");
        String event = value.path("event").isTextual() ? value.get("event").asText() : null;
        // Partner events (PARTNER_ADDED, ...) come on the partner's business entry: the WABA is in waba_info.
        String wabaId = text(value.path("waba_info").get("waba_id"));
        if (wabaId == null) {
            wabaId = entryId;
        }
        String id = ContentIds.of("meta", entryId, String.valueOf(entryTime), field, value.toString());
        Instant time = entryTime != null ? Instant.ofEpochSecond(entryTime) : receivedAt;
        MetaWebhookChange data = new MetaWebhookChange(rawId, object, entryId, entryTime, field, event, wabaId,
                value.isMissingNode() ? null : value);
        CloudEvent<MetaWebhookChange> cloudEvent = CloudEvent.of(id, WebhookEventTypes.SOURCE,
                WebhookEventTypes.meta(field, event), wabaId, time, data);
        return new TypedEvent(Topics.META_WEBHOOK_EVENTS, wabaId != null ? wabaId : rawId, id, write(cloudEvent));
    }

    private JsonNode readObject(byte[] body) throws UnparseableWebhookException {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new UnparseableWebhookException("body is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new UnparseableWebhookException("body is not JSON");
        }
    }

    private byte[] write(CloudEvent<?> event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("A typed event is not serialisable", e);
        }
    }

    /** Ids arrive as strings or numbers depending on the payload; both read as text. */
    static String text(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber()) && !node.asText().isEmpty() ? node.asText() : null;
    }
}

package com.bsp.onboarding.ingest.typed;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Turns a 360Dialog partner webhook into one typed event. The envelope ({@code {id, event, data}}) is
 * known only from public client code, so ids are looked for in every place seen so far.
 */
final class Dialog360WebhookParser {

    private final ObjectMapper json;

    Dialog360WebhookParser(ObjectMapper json) {
        this.json = json;
    }

    List<TypedEvent> parse(String rawId, String partnerId, byte[] body, Instant receivedAt) throws UnparseableWebhookException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new UnparseableWebhookException("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new UnparseableWebhookException("body is not a JSON object");
        }
        String event = text(root.get("event"));
        if (event == null) {
            event = text(root.get("type"));
        }
        if (event == null) {
            throw new UnparseableWebhookException("no event name");
        }
        JsonNode data = root.path("data");
        String clientId = firstText(data.get("client_id"), root.get("client_id"), data.path("client").get("id"));
        String channelId = firstText(data.get("channel_id"), root.get("channel_id"),
                event.startsWith("channel_") ? data.get("id") : null);
        Dialog360WebhookEvent payload = new Dialog360WebhookEvent(rawId, partnerId, event, clientId, channelId, root);
        String key = clientId != null ? clientId : partnerId;
        String id = ContentIds.of("360dialog", rawId);
        CloudEvent<Dialog360WebhookEvent> cloudEvent = CloudEvent.of(id, WebhookEventTypes.SOURCE,
                WebhookEventTypes.dialog360(event), clientId != null ? clientId : channelId, receivedAt, payload);
        try {
            return List.of(new TypedEvent(Topics.DIALOG360_WEBHOOK_EVENTS, key, id, json.writeValueAsBytes(cloudEvent)));
        } catch (IOException e) {
            throw new IllegalStateException("A typed event is not serialisable", e);
        }
    }

    /** Ids arrive as strings or numbers depending on the payload; both read as text. */
    private static String text(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber()) && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            String value = text(candidate);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}

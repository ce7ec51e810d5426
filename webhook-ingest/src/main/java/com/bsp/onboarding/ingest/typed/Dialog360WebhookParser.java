package com.bsp.onboarding.ingest.typed;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.bsp.onboarding.ingest.typed.TypedEventStage.TypedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Turns a 360Dialog partner webhook into one typed event: the client, the channel and its status are
 * typed into {@link Dialog360WebhookEvent}, so no consumer reads the body. The envelope
 * ({@code {id, event, data}}) is known only from public client code, so ids are looked for in every
 * place seen so far; the whole body is kept, and unknown events are typed as far as they go, never refused.
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
        // A client_* or channel_* event's data is the client or the channel itself: its id and status are theirs.
        boolean aboutClient = event.startsWith("client_");
        boolean aboutChannel = event.startsWith("channel_");
        String clientId = firstText(data.get("client_id"), root.get("client_id"), data.path("client").get("id"),
                aboutClient ? data.get("id") : null);
        String channelId = firstText(data.get("channel_id"), root.get("channel_id"), aboutChannel ? data.get("id") : null);
        String channelStatus = aboutChannel ? text(data.get("status")) : null;
        Dialog360WebhookEvent payload = new Dialog360WebhookEvent(rawId, partnerId, event, clientId, channelId, channelStatus, root);
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

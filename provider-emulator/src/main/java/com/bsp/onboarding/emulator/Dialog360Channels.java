package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 360Dialog's side: channel API keys (Partner API; a new key revokes the channel's older one) and each
 * channel's webhook (messaging API, authorised by the channel's current key).
 */
final class Dialog360Channels {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, String> currentKeyByChannel = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> webhookByKey = new ConcurrentHashMap<>();

    ProviderResponse createApiKey(String channel) {
        long id = ids.incrementAndGet();
        String key = "emulated-key-" + channel + "-" + id;
        String previous = currentKeyByChannel.put(channel, key);
        if (previous != null) {
            webhookByKey.remove(previous);
        }
        ObjectNode item = GraphErrors.object().put("id", "key-" + id).put("api_key", key)
                .put("address", "https://waba-v2.360dialog.io").put("app_id", "app-" + channel);
        ObjectNode body = GraphErrors.object();
        body.putArray("api_keys").add(item);
        return ProviderResponse.json(201, body);
    }

    ProviderResponse webhook(String method, String key, byte[] raw) {
        if (key == null || !currentKeyByChannel.containsValue(key)) {
            return GraphErrors.detail(401, "Invalid D360-API-KEY");
        }
        if (!method.equals("POST")) {
            return ProviderResponse.json(200, webhookByKey.getOrDefault(key, GraphErrors.object()));
        }
        JsonNode config;
        try {
            config = json.readTree(raw);
        } catch (IOException e) {
            return GraphErrors.detail(400, "the body is not JSON");
        }
        if (config == null || !config.path("url").isTextual()) {
            return GraphErrors.detail(400, "url is required");
        }
        if (config.path("url").asText().isEmpty()) {
            // An empty url removes the webhook: 360Dialog documents no delete (reference §1.5); assumed, unconfirmed.
            webhookByKey.remove(key);
            return ProviderResponse.json(200, config);
        }
        webhookByKey.put(key, config);
        return ProviderResponse.json(200, config);
    }

    ObjectNode describe(String channel) {
        String key = currentKeyByChannel.get(channel);
        ObjectNode body = GraphErrors.object().put("channel_id", channel).put("has_api_key", key != null);
        JsonNode webhook = key == null ? null : webhookByKey.get(key);
        body.set("webhook", webhook == null ? null : webhook.deepCopy());
        return body;
    }

    void reset() {
        currentKeyByChannel.clear();
        webhookByKey.clear();
    }
}

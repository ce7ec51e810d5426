package com.bsp.onboarding.sandbox.hub;

import com.bsp.onboarding.sandbox.SandboxConfig;
import com.bsp.onboarding.sandbox.webhooks.Hmac;
import com.bsp.onboarding.sandbox.webhooks.Webhook;
import com.bsp.onboarding.sandbox.webhooks.WebhookSender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * 360Dialog's partner webhooks for a finished signup: {@code channel_created} for each granted channel at
 * once, {@code channel_running} after {@code sandbox.hub-running-delay}. The envelope is
 * {@code {"id","event","data":{"id":<channel>,"client_id","status",...}}}, which webhook-ingest reads the
 * channel and client from; the body is signed with the hub's platform secret ({@code x-360dialog-signature}).
 */
@ApplicationScoped
public class PartnerWebhooks {

    private final WebhookSender sender;
    private final Vertx vertx;
    // 360Dialog's format is 360Dialog's: none of this application's Jackson settings may touch it.
    private final ObjectMapper json = new ObjectMapper();
    private final long runningDelayMillis;

    public PartnerWebhooks(WebhookSender sender, Vertx vertx, SandboxConfig config) {
        this.sender = sender;
        this.vertx = vertx;
        this.runningDelayMillis = Math.max(1, config.hubRunningDelay().toMillis());
    }

    public void channelsGranted(SandboxConfig.Hub hub, String clientId, List<String> channelIds, String phoneNumber) {
        if (hub.webhookUrl().isEmpty()) {
            return;
        }
        Instant createdAt = Instant.now();
        for (String channel : channelIds) {
            send(hub, "channel_created", channel(hub, channel, clientId, "pending", phoneNumber, createdAt));
        }
        // A timer, not a sleep: the event loop or worker that completed the signup is released at once.
        vertx.setTimer(runningDelayMillis, timer -> {
            for (String channel : channelIds) {
                ObjectNode data = channel(hub, channel, clientId, "running", phoneNumber, createdAt)
                        .put("billing_started_at", Instant.now().toString());
                send(hub, "channel_running", data);
            }
        });
    }

    /**
     * Any partner webhook on demand, e.g. {@code channel_revoked} (status {@code revoked}: a channel revoked after it
     * was provisioned; 360Dialog documents no such event, so its name is an assumption), {@code account_violation} or
     * {@code account_restriction}. {@code details} are added to {@code data}. Answers the body; empty when the hub has
     * no webhook URL.
     */
    public java.util.Optional<ObjectNode> send(SandboxConfig.Hub hub, String event, String channelId, String clientId, String status,
            com.fasterxml.jackson.databind.JsonNode details) {
        if (hub.webhookUrl().isEmpty()) {
            return java.util.Optional.empty();
        }
        ObjectNode data = json.createObjectNode().put("partner_id", hub.partnerId());
        if (channelId != null) {
            data.put("id", channelId).put("channel_id", channelId);
        }
        if (clientId != null) {
            data.put("client_id", clientId);
        }
        if (status != null) {
            data.put("status", status);
        }
        if (details != null && details.isObject()) {
            details.fields().forEachRemaining(field -> data.set(field.getKey(), field.getValue()));
        }
        return java.util.Optional.of(send(hub, event, data));
    }

    private ObjectNode channel(SandboxConfig.Hub hub, String channelId, String clientId, String status, String phoneNumber,
            Instant createdAt) {
        ObjectNode data = json.createObjectNode().put("id", channelId).put("client_id", clientId).put("partner_id", hub.partnerId())
                .put("status", status).put("account_mode", "live").put("created_at", createdAt.toString());
        if (phoneNumber != null) {
            data.put("phone_number", phoneNumber);
        }
        return data;
    }

    private ObjectNode send(SandboxConfig.Hub hub, String event, ObjectNode data) {
        ObjectNode body = json.createObjectNode().put("id", UUID.randomUUID().toString()).put("event", event);
        body.set("data", data);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body is always serialisable", e);
        }
        String signature = HexFormat.of().formatHex(Hmac.sha256(hub.platformSecret(), bytes));
        sender.send(new Webhook("360dialog", event, hub.webhookUrl().orElseThrow(), "x-360dialog-signature", signature, bytes));
        return body;
    }
}

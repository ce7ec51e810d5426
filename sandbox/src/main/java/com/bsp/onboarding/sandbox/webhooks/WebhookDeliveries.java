package com.bsp.onboarding.sandbox.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/** The webhooks the sandbox sent and how each delivery went, for the admin API (the newest 1000). */
@ApplicationScoped
public class WebhookDeliveries {

    private static final int KEPT = 1000;

    /** One webhook's delivery, updated as its attempts finish. */
    public static final class Delivery {
        final long id;
        final Webhook webhook;
        final Instant queuedAt = Instant.now();
        volatile int attempts;
        volatile String status = "pending";
        volatile String lastAnswer;

        Delivery(long id, Webhook webhook) {
            this.id = id;
            this.webhook = webhook;
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentLinkedDeque<Delivery> deliveries = new ConcurrentLinkedDeque<>();

    Delivery start(Webhook webhook) {
        Delivery delivery = new Delivery(ids.incrementAndGet(), webhook);
        deliveries.addLast(delivery);
        while (deliveries.size() > KEPT) {
            deliveries.pollFirst();
        }
        return delivery;
    }

    public ArrayNode list(ObjectMapper json) {
        ArrayNode list = json.createArrayNode();
        for (Delivery delivery : deliveries) {
            list.addObject().put("id", delivery.id).put("source", delivery.webhook.source()).put("event", delivery.webhook.event())
                    .put("url", delivery.webhook.url()).put("status", delivery.status).put("attempts", delivery.attempts)
                    .put("last_answer", delivery.lastAnswer).put("queued_at", delivery.queuedAt.toString())
                    .set("body", readTree(json, delivery.webhook.body()));
        }
        return list;
    }

    public void clear() {
        deliveries.clear();
    }

    private static JsonNode readTree(ObjectMapper json, byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** Counts by status, for a quick look. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        deliveries.forEach(d -> counts.merge(d.status, 1L, Long::sum));
        return counts;
    }
}

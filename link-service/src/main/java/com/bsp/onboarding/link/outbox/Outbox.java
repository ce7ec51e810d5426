package com.bsp.onboarding.link.outbox;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Appends events to the outbox inside the caller's transaction, so an event exists exactly when the
 * state change it announces was committed. {@link OutboxRelay} takes them to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json = EventJson.newMapper();

    /** Must run inside an open reactive transaction (Panache.withTransaction). */
    public Uni<Void> append(String topic, String key, CloudEvent<?> event) {
        return row(topic, key, event).persist().replaceWithVoid();
    }

    /** The row for {@code event}, for writers that insert it in their own statement. */
    public OutboxEvent row(String topic, String key, CloudEvent<?> event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.eventKey = key;
        row.eventType = event.type();
        row.payload = serialize(event);
        return row;
    }

    private String serialize(CloudEvent<?> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.type() + " is not serialisable", e);
        }
    }
}

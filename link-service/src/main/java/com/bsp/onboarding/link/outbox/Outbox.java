package com.bsp.onboarding.link.outbox;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends events to the outbox inside the caller's Hibernate Reactive transaction, so an event exists
 * exactly when the state change it announces was committed. The relay takes them to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

    /** Must run inside an open reactive transaction (Panache.withTransaction). */
    public Uni<Void> append(String topic, String key, CloudEvent<?> event) {
        OutboxRecord record = OutboxRecord.of(topic, key, event);
        OutboxEvent row = new OutboxEvent();
        row.eventId = record.eventId();
        row.topic = record.topic();
        row.eventKey = record.key();
        row.eventType = record.type();
        row.payload = record.payload();
        return row.persist().replaceWithVoid();
    }
}

package com.bsp.onboarding.eventing.outbox;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/**
 * An event for the outbox, written in the same statement or transaction as the state change it
 * announces. {@link OutboxRelay} takes it to Kafka afterwards.
 */
public record OutboxRecord(UUID eventId, String topic, String key, String type, String payload) {

    private static final ObjectMapper JSON = EventJson.newMapper();

    public static OutboxRecord of(String topic, String key, CloudEvent<?> event) {
        try {
            return new OutboxRecord(UUID.fromString(event.id()), topic, key, event.type(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.type() + " is not serialisable", e);
        }
    }
}

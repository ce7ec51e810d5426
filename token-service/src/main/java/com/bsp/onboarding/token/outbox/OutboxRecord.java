package com.bsp.onboarding.token.outbox;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * An event for the outbox; {@link #insert(SqlClient)} must run on the connection of the transaction
 * that changes the state it announces. {@link OutboxRelay} takes it to Kafka afterwards.
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

    public Uni<Void> insert(SqlClient transaction) {
        return transaction.preparedQuery(
                        "INSERT INTO outbox_events (event_id, topic, event_key, event_type, payload) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(eventId, topic, key, type, payload))
                .replaceWithVoid();
    }
}

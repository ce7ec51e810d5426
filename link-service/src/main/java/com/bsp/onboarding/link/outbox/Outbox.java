package com.bsp.onboarding.link.outbox;

import com.bsp.onboarding.outbox.OutboxRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends events to the outbox inside the caller's transaction, so an event exists exactly when the
 * state change it announces was committed. The relay takes them to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_events (event_id, topic, event_key, event_type, payload) VALUES ($1, $2, $3, $4, $5)
            """;

    /** {@code transaction} is the connection of the caller's open transaction ({@code Pool.withTransaction}). */
    public Uni<Void> append(SqlClient transaction, OutboxRecord record) {
        return transaction.preparedQuery(INSERT)
                .execute(Tuple.of(record.eventId(), record.topic(), record.key(), record.type(), record.payload()))
                .replaceWithVoid();
    }
}

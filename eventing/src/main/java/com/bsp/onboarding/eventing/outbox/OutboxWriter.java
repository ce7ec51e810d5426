package com.bsp.onboarding.eventing.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the outbox inside the caller's transaction, so an event exists exactly when the state
 * change it announces was committed. After the commit the caller wakes {@link OutboxRelay} for low latency.
 *
 * <p>Every record of a call goes in one multi-row INSERT (one round trip whatever the count), in the order
 * given: the relay sends in that order, so events of one key keep it. A service that wants the events in the
 * same statement as its state change (one round trip on a hot path) puts {@link #insertSql} into its own
 * statement, e.g. as a data-modifying CTE, and binds {@link #addParameters}.
 */
public final class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox_events (event_id, topic, event_key, event_type, payload)
            SELECT e.event_id, e.topic, e.event_key, e.event_type, e.payload
            FROM unnest($%1$d::uuid[], $%2$d::text[], $%3$d::text[], $%4$d::text[], $%5$d::text[])
                 WITH ORDINALITY AS e(event_id, topic, event_key, event_type, payload, n)
            %6$sORDER BY e.n""";

    /** How many parameters {@link #addParameters} binds. */
    public static final int PARAMETERS = 5;

    private static final String APPEND = insertSql(1);

    private OutboxWriter() {
    }

    /** Appends {@code events} in one statement on {@code tx}; nothing when there are none. */
    public static Uni<Void> append(SqlClient tx, List<OutboxRecord> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(APPEND).execute(addParameters(Tuple.tuple(), events)).replaceWithVoid();
    }

    public static Uni<Void> append(SqlClient tx, OutboxRecord... events) {
        return append(tx, List.of(events));
    }

    /** The INSERT of the records {@link #addParameters} binds at {@code $firstParameter} and the four after it. */
    public static String insertSql(int firstParameter) {
        return sql(firstParameter, "");
    }

    /**
     * The same INSERT, writing the rows only when the common table expression {@code cte} of the enclosing
     * statement returned a row: the events of a state change that may not happen (an UPDATE ... RETURNING
     * guarded by the current state).
     */
    public static String insertSqlIfAnyRowIn(String cte, int firstParameter) {
        return sql(firstParameter, "WHERE EXISTS (SELECT 1 FROM " + cte + ")\n");
    }

    /** Adds the {@value #PARAMETERS} parameters of {@code events} to {@code tuple}, in the order of {@link #insertSql}. */
    public static Tuple addParameters(Tuple tuple, List<OutboxRecord> events) {
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            OutboxRecord event = events.get(i);
            ids[i] = event.eventId();
            topics[i] = event.topic();
            keys[i] = event.key();
            types[i] = event.type();
            payloads[i] = event.payload();
        }
        return tuple.addArrayOfUUID(ids).addArrayOfString(topics).addArrayOfString(keys).addArrayOfString(types)
                .addArrayOfString(payloads);
    }

    private static String sql(int first, String condition) {
        return INSERT.formatted(first, first + 1, first + 2, first + 3, first + 4, condition);
    }
}

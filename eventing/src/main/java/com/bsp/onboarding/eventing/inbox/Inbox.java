package com.bsp.onboarding.eventing.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Drops redelivered input events. Every source delivers at least once, so a consumer claims an event's
 * CloudEvent id inside the transaction that applies it: the claim and the effects commit together, and a
 * redelivery, even one racing the first delivery on another replica, finds the id and changes nothing.
 * A transaction that rolls back gives the id back. Ids are forgotten by {@link InboxPruner}.
 */
public final class Inbox {

    /** Metric tag value of an event applied for the first time. */
    public static final String APPLIED = "applied";
    /** Metric tag value of a redelivered event that was dropped. */
    public static final String DUPLICATE = "duplicate";

    private static final String CLAIM = "INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING";

    private Inbox() {
    }

    /** True: the first delivery of {@code eventId}, apply it in {@code tx}; false: a duplicate, drop it. */
    public static Uni<Boolean> claim(SqlClient tx, String eventId) {
        return tx.preparedQuery(CLAIM).execute(Tuple.of(eventId)).map(rows -> rows.rowCount() == 1);
    }

    /** {@link #APPLIED} or {@link #DUPLICATE}, for a counter's {@code outcome} tag. */
    public static String outcome(boolean claimed) {
        return claimed ? APPLIED : DUPLICATE;
    }
}

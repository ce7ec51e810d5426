package com.bsp.onboarding.partnerwebhooks.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The dispatcher's statements: one to claim a batch, one to record a batch of attempts. */
@ApplicationScoped
public class DeliveryStore {

    /**
     * Per enabled endpoint, as many of its due deliveries as this replica's lane for it has room for ($1/$2 name
     * the lanes that are not empty, $3 is the room of every other endpoint), oldest due first, only those with no
     * earlier pending one of the same ordering key (in order per onboarding: a follower waits until its
     * predecessor is delivered or given up), $4 at most in all. SKIP LOCKED: replicas claiming at the same
     * moment take different rows; an expired lease (a replica died) counts as free.
     *
     * <p>The shapes are chosen for the plan: the lateral LIMIT walks deliveries_due per endpoint and stops at
     * its room; the order check is a min() per row, one probe of deliveries_in_key (as NOT EXISTS it was planned
     * as an anti join hashing every pending delivery, or as a walk of the wrong index); the update finds its
     * rows by primary key from an array (an IN was planned as a scan of the table under stale statistics).
     */
    private static final String CLAIM = """
            WITH rooms AS (
                SELECT * FROM unnest($1::text[], $2::int[]) AS r(endpoint_id, room)),
            candidates AS MATERIALIZED (
                SELECT c.id FROM endpoints e
                LEFT JOIN rooms r ON r.endpoint_id = e.id
                CROSS JOIN LATERAL (
                    SELECT d.id FROM deliveries d
                    WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= now()
                      AND (d.lease_until IS NULL OR d.lease_until <= now())
                      AND d.message_seq = (
                          SELECT min(p.message_seq) FROM deliveries p
                          WHERE p.ordering_key = d.ordering_key AND p.endpoint_id = d.endpoint_id
                            AND p.status = 'pending')
                    ORDER BY d.next_attempt_at, d.message_seq
                    LIMIT coalesce(r.room, $3)
                    FOR UPDATE OF d SKIP LOCKED) c
                WHERE e.enabled AND e.deleted_at IS NULL AND coalesce(r.room, $3) > 0
                LIMIT $4)
            UPDATE deliveries d SET lease_until = now() + $5 * interval '1 millisecond'
            FROM messages m, endpoints e
            WHERE d.id = ANY (ARRAY(SELECT id FROM candidates)) AND m.id = d.message_id AND e.id = d.endpoint_id
            RETURNING d.id, d.endpoint_id, d.message_id, d.attempts, d.schedule_from, m.payload, e.url""";

    /**
     * Logs every attempt, moves each delivery on (a retried one takes the followers of its ordering key, which
     * cannot go before it, to its retry time, so claims do not walk over them; a finished one makes its waiting
     * followers due at once) (only if nobody else did: a replica whose lease expired
     * mid-request loses to the one that took over) and keeps the endpoints' failing_since: set by the first
     * failure after a success, cleared by a success; an endpoint row is written only when that changes.
     */
    private static final String RECORD = """
            WITH r AS (
                SELECT * FROM unnest($1::bigint[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[],
                                     $7::text[], $8::text[], $9::timestamptz[])
                    AS r(delivery_id, attempt, started_at, latency_ms, http_status, answer_snippet, error, outcome,
                         next_attempt_at)),
            logged AS (
                INSERT INTO delivery_attempts (delivery_id, attempt, started_at, latency_ms, http_status, answer_snippet, error)
                SELECT delivery_id, attempt, started_at, latency_ms, http_status, answer_snippet, error FROM r
                ON CONFLICT DO NOTHING),
            moved AS (
                UPDATE deliveries d SET status = r.outcome, attempts = r.attempt,
                    next_attempt_at = coalesce(r.next_attempt_at, d.next_attempt_at), lease_until = NULL,
                    last_http_status = r.http_status,
                    delivered_at = CASE WHEN r.outcome = 'delivered' THEN now() ELSE d.delivered_at END
                FROM r WHERE d.id = r.delivery_id AND d.status = 'pending' AND d.attempts = r.attempt - 1
                RETURNING d.endpoint_id, d.ordering_key, d.message_seq, d.next_attempt_at, r.outcome, r.started_at),
            deferred AS (
                UPDATE deliveries f SET next_attempt_at = m.next_attempt_at
                FROM moved m
                WHERE m.outcome = 'pending' AND f.endpoint_id = m.endpoint_id AND f.ordering_key = m.ordering_key
                  AND f.status = 'pending' AND f.message_seq > m.message_seq AND f.next_attempt_at < m.next_attempt_at
                RETURNING f.id),
            released AS (
                UPDATE deliveries f SET next_attempt_at = now()
                FROM moved m
                WHERE m.outcome <> 'pending' AND f.endpoint_id = m.endpoint_id AND f.ordering_key = m.ordering_key
                  AND f.status = 'pending' AND f.message_seq > m.message_seq AND f.next_attempt_at > now()
                  AND f.attempts = f.schedule_from
                RETURNING f.id),
            per_endpoint AS (
                SELECT endpoint_id, bool_or(outcome = 'delivered') AS ok, min(started_at) AS first_failure
                FROM moved GROUP BY endpoint_id),
            marked AS (
                UPDATE endpoints e
                SET failing_since = CASE WHEN p.ok THEN NULL ELSE p.first_failure END
                FROM per_endpoint p
                WHERE e.id = p.endpoint_id AND p.ok = (e.failing_since IS NOT NULL)
                RETURNING e.id)
            SELECT (SELECT count(*) FROM marked) AS marked, (SELECT count(*) FROM deferred) AS deferred,
                   (SELECT count(*) FROM released) AS released""";

    /** Gives back leases this replica will not use (queued when it stops): another replica takes them at once. */
    private static final String RELEASE = """
            UPDATE deliveries SET lease_until = NULL WHERE id = ANY ($1::bigint[]) AND status = 'pending'""";

    private static final String PENDING = "SELECT count(*) AS n FROM deliveries WHERE status = 'pending'";

    private final Pool pool;

    public DeliveryStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param laneIds the endpoints whose lanes hold something or are struggling, with their rooms in laneRooms
     * @param otherRoom the room of every other endpoint
     */
    Uni<List<Claimed>> claim(String[] laneIds, Integer[] laneRooms, int otherRoom, int batch, long leaseMillis) {
        long leaseEnds = System.nanoTime() + leaseMillis * 1_000_000L;
        Tuple params = Tuple.tuple().addArrayOfString(laneIds).addArrayOfInteger(laneRooms).addInteger(otherRoom)
                .addInteger(batch).addLong(leaseMillis);
        return pool.preparedQuery(CLAIM).execute(params).map(rows -> {
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                claimed.add(new Claimed(row.getLong("id"), row.getString("endpoint_id"), row.getString("message_id"),
                        row.getInteger("attempts"), row.getInteger("schedule_from"), row.getString("payload"),
                        row.getString("url"), leaseEnds));
            }
            return claimed;
        });
    }

    Uni<Void> release(Long[] deliveryIds) {
        return pool.preparedQuery(RELEASE).execute(Tuple.tuple().addArrayOfLong(deliveryIds)).replaceWithVoid();
    }

    Uni<Void> record(List<AttemptResult> results) {
        int n = results.size();
        Long[] ids = new Long[n];
        Integer[] attempts = new Integer[n];
        OffsetDateTime[] started = new OffsetDateTime[n];
        Integer[] latency = new Integer[n];
        Integer[] status = new Integer[n];
        String[] snippets = new String[n];
        String[] errors = new String[n];
        String[] outcomes = new String[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            AttemptResult r = results.get(i);
            ids[i] = r.delivery().id();
            attempts[i] = r.delivery().attempts() + 1;
            started[i] = r.startedAt().atOffset(ZoneOffset.UTC);
            latency[i] = r.latencyMs();
            status[i] = r.httpStatus();
            snippets[i] = r.answerSnippet();
            errors[i] = r.error();
            outcomes[i] = r.outcome();
            next[i] = r.nextAttemptAt() == null ? null : r.nextAttemptAt().atOffset(ZoneOffset.UTC);
        }
        Tuple params = Tuple.tuple().addArrayOfLong(ids).addArrayOfInteger(attempts).addArrayOfOffsetDateTime(started)
                .addArrayOfInteger(latency).addArrayOfInteger(status).addArrayOfString(snippets).addArrayOfString(errors)
                .addArrayOfString(outcomes).addArrayOfOffsetDateTime(next);
        return pool.preparedQuery(RECORD).execute(params).replaceWithVoid();
    }

    Uni<Long> pending() {
        return pool.query(PENDING).execute().map(rows -> rows.iterator().next().getLong("n"));
    }
}

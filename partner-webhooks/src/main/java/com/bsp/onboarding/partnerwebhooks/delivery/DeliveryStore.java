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
     * Per enabled endpoint, its oldest due deliveries that have no earlier pending one of the same ordering key
     * (in order per onboarding), as many as the endpoint has room for beside its leased ones (the in-flight
     * limit holds across replicas: leases are counted in the database). SKIP LOCKED: replicas claiming at the
     * same moment take different rows; an expired lease (a replica died) counts as free.
     */
    private static final String CLAIM = """
            WITH busy AS (
                SELECT endpoint_id, count(*)::int AS n FROM deliveries
                WHERE status = 'pending' AND lease_until > now() GROUP BY endpoint_id),
            candidates AS (
                SELECT c.id FROM endpoints e
                LEFT JOIN busy b ON b.endpoint_id = e.id
                CROSS JOIN LATERAL (
                    SELECT d.id FROM deliveries d
                    WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= now()
                      AND (d.lease_until IS NULL OR d.lease_until <= now())
                      AND NOT EXISTS (
                          SELECT 1 FROM deliveries p
                          WHERE p.endpoint_id = d.endpoint_id AND p.ordering_key = d.ordering_key
                            AND p.status = 'pending' AND p.message_seq < d.message_seq)
                    ORDER BY d.message_seq
                    LIMIT $2 - coalesce(b.n, 0)) c
                WHERE e.enabled AND e.deleted_at IS NULL AND coalesce(b.n, 0) < $2),
            claimed AS (
                SELECT d.id FROM deliveries d
                WHERE d.id IN (SELECT id FROM candidates) AND d.status = 'pending'
                  AND (d.lease_until IS NULL OR d.lease_until <= now())
                LIMIT $1
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE deliveries d SET lease_until = now() + $3 * interval '1 millisecond'
            FROM claimed c, messages m, endpoints e
            WHERE d.id = c.id AND m.id = d.message_id AND e.id = d.endpoint_id
            RETURNING d.id, d.endpoint_id, d.message_id, d.attempts, d.schedule_from, m.payload, e.url""";

    /**
     * Logs every attempt, moves each delivery on (only if nobody else did: a replica whose lease expired
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
                RETURNING d.endpoint_id, r.outcome, r.started_at),
            per_endpoint AS (
                SELECT endpoint_id, bool_or(outcome = 'delivered') AS ok, min(started_at) AS first_failure
                FROM moved GROUP BY endpoint_id),
            marked AS (
                UPDATE endpoints e
                SET failing_since = CASE WHEN p.ok THEN NULL ELSE p.first_failure END
                FROM per_endpoint p
                WHERE e.id = p.endpoint_id AND p.ok = (e.failing_since IS NOT NULL)
                RETURNING e.id)
            SELECT (SELECT count(*) FROM marked) AS marked""";

    private static final String PENDING = "SELECT count(*) AS n FROM deliveries WHERE status = 'pending'";

    private final Pool pool;

    public DeliveryStore(Pool pool) {
        this.pool = pool;
    }

    Uni<List<Claimed>> claim(int batch, int perEndpoint, long leaseMillis) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(batch, perEndpoint, leaseMillis)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                claimed.add(new Claimed(row.getLong("id"), row.getString("endpoint_id"), row.getString("message_id"),
                        row.getInteger("attempts"), row.getInteger("schedule_from"), row.getString("payload"),
                        row.getString("url")));
            }
            return claimed;
        });
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

package com.bsp.onboarding.provisioner.runner;

import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns every workflow table shares (wabas, channels): status, current step and its attempts, when
 * it is next due, and the lease of the replica running it. Every update made on behalf of a run is
 * guarded by the lease, so a replica that lost its lease (it stalled past it and another took over)
 * changes nothing.
 *
 * @param table the table name
 * @param keyColumns its primary key columns; keys are passed in this order as the first parameters
 * @param runnableStatuses statuses in which a due row is run
 */
public record WorkflowTable(String table, List<String> keyColumns, List<String> runnableStatuses) {

    private static final ObjectMapper JSON = EventJson.newMapper();

    /** Claims up to {@code limit} due rows for {@code owner}, oldest due first, skipping rows other replicas hold. */
    public Uni<RowSet<Row>> claimDue(Pool pool, String owner, Duration lease, int limit) {
        String keys = String.join(", ", keyColumns);
        String join = String.join(" AND ", keyColumns.stream().map(k -> "t." + k + " = due." + k).toList());
        return pool.preparedQuery("UPDATE " + table + " t SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)"
                        + " FROM (SELECT " + keys + " FROM " + table + " WHERE status = ANY($3) AND next_attempt_at <= now()"
                        + " AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at LIMIT $4"
                        + " FOR UPDATE SKIP LOCKED) due WHERE " + join + " RETURNING t.*")
                .execute(Tuple.of(owner, seconds(lease), runnableStatuses.toArray(String[]::new), limit));
    }

    /**
     * Records that the current step's call is about to be made (attempts + 1, in flight) and renews the
     * lease. Empty when the lease is lost or the step is no longer current.
     */
    public Uni<RowSet<Row>> startStep(SqlClient client, Object[] key, String owner, Duration lease, String step) {
        List<Object> params = params(key, owner, step, seconds(lease));
        int n = key.length;
        return client.preparedQuery("UPDATE " + table + " SET step_attempts = step_attempts + 1, step_in_flight = true,"
                        + " lease_until = now() + make_interval(secs => $" + (n + 3) + "), updated_at = now() WHERE " + guard(n)
                        + " RETURNING *")
                .execute(Tuple.from(params));
    }

    /** Schedules the current step again after {@code delay}, keeping the error; releases the lease. */
    public Uni<Integer> scheduleRetry(SqlClient client, Object[] key, String owner, String step, ProvisioningError error,
            Duration delay) {
        List<Object> params = params(key, owner, step, json(error), seconds(delay));
        int n = key.length;
        return client.preparedQuery("UPDATE " + table + " SET step_in_flight = false, last_error = $" + (n + 3) + "::text::jsonb,"
                        + " next_attempt_at = now() + make_interval(secs => $" + (n + 4) + "), lease_owner = NULL,"
                        + " lease_until = NULL, updated_at = now() WHERE " + guard(n))
                .execute(Tuple.from(params)).map(RowSet::rowCount);
    }

    /** Ends the workflow as failed, keeping the error; the step stays current so an ops retry resumes it. */
    public Uni<Integer> fail(SqlClient client, Object[] key, String owner, String step, ProvisioningError error) {
        List<Object> params = params(key, owner, step, json(error));
        int n = key.length;
        return client.preparedQuery("UPDATE " + table + " SET status = 'failed', step_in_flight = false, last_error = $" + (n + 3)
                        + "::text::jsonb, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = now() WHERE " + guard(n))
                .execute(Tuple.from(params)).map(RowSet::rowCount);
    }

    /**
     * Puts a failed workflow back in line at its failed step. Its attempts restart at 1, not 0: the step
     * was tried before, so the run first checks whether it took effect.
     */
    public Uni<Integer> retryFailed(SqlClient client, Object[] key, String status) {
        List<Object> params = params(key, status);
        return client.preparedQuery("UPDATE " + table + " SET status = $" + (key.length + 1) + ", step_attempts = 1,"
                        + " next_attempt_at = now(), updated_at = now() WHERE " + keyPredicate(key.length) + " AND status = 'failed'")
                .execute(Tuple.from(params)).map(RowSet::rowCount);
    }

    /** On shutdown: what this replica held becomes claimable at once instead of after the lease. */
    public Uni<Integer> releaseLeases(Pool pool, String owner) {
        return pool.preparedQuery("UPDATE " + table + " SET lease_owner = NULL, lease_until = NULL, step_in_flight = false"
                        + " WHERE lease_owner = $1")
                .execute(Tuple.of(owner)).map(RowSet::rowCount);
    }

    public static Uni<Void> insertOutbox(SqlClient client, List<OutboxRecord> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        for (OutboxRecord event : events) {
            rows.add(Tuple.of(event.eventId(), event.topic(), event.key(), event.type(), event.payload()));
        }
        return client.preparedQuery("INSERT INTO outbox_events (event_id, topic, event_key, event_type, payload)"
                + " VALUES ($1, $2, $3, $4, $5)").executeBatch(rows).replaceWithVoid();
    }

    public static String json(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key, then the lease owner and the step the caller believes is current. */
    private String guard(int keyCount) {
        return keyPredicate(keyCount) + " AND lease_owner = $" + (keyCount + 1) + " AND current_step = $" + (keyCount + 2);
    }

    public String keyPredicate(int keyCount) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            parts.add(keyColumns.get(i) + " = $" + (i + 1));
        }
        return String.join(" AND ", parts);
    }

    private static List<Object> params(Object[] key, Object... rest) {
        List<Object> params = new ArrayList<>(Arrays.asList(key));
        params.addAll(Arrays.asList(rest));
        return params;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}

package com.bsp.onboarding.partnerwebhooks.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The endpoints and their delivery log, always read and written within one hub. */
@ApplicationScoped
public class EndpointStore {

    private static final String COLUMNS = "id, url, description, event_types, enabled, disabled_reason, created_at, updated_at";

    private static final String INSERT = "INSERT INTO endpoints (id, hub_id, url, description, event_types) "
            + "VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS;
    private static final String LIST = "SELECT " + COLUMNS + " FROM endpoints WHERE hub_id = $1 AND deleted_at IS NULL "
            + "ORDER BY created_at, id";
    private static final String GET = "SELECT " + COLUMNS + " FROM endpoints WHERE id = $1 AND hub_id = $2 AND deleted_at IS NULL";
    private static final String LOCK = GET + " FOR UPDATE";

    /** $5/$6: whether to set the filter, and to what; $7: enabled (null: unchanged). Enabling clears the failing state. */
    private static final String UPDATE = """
            UPDATE endpoints SET
                url = coalesce($3, url),
                description = coalesce($4, description),
                event_types = CASE WHEN $5 THEN $6 ELSE event_types END,
                enabled = coalesce($7, enabled),
                disabled_reason = CASE WHEN $7 IS NULL THEN disabled_reason WHEN $7 THEN NULL
                                       WHEN enabled THEN 'by_hub' ELSE disabled_reason END,
                disabled_at = CASE WHEN $7 IS NULL THEN disabled_at WHEN $7 THEN NULL
                                   WHEN enabled THEN now() ELSE disabled_at END,
                failing_since = CASE WHEN $7 THEN NULL ELSE failing_since END,
                updated_at = now()
            WHERE id = $1 AND hub_id = $2 AND deleted_at IS NULL
            RETURNING\s""" + COLUMNS;
    /** A re-enabled endpoint's waiting deliveries go now rather than at their backed-off retry time. */
    private static final String RESUME = """
            UPDATE deliveries SET next_attempt_at = now()
            WHERE endpoint_id = $1 AND status = 'pending' AND next_attempt_at > now()""";
    private static final String DELETE = """
            UPDATE endpoints SET deleted_at = now(), enabled = false, updated_at = now()
            WHERE id = $1 AND hub_id = $2 AND deleted_at IS NULL RETURNING id""";
    private static final String CANCEL = """
            UPDATE deliveries SET status = 'cancelled', lease_until = NULL WHERE endpoint_id = $1 AND status = 'pending'""";

    private static final String DELIVERIES = """
            SELECT d.id, d.endpoint_id, d.message_id, m.event_type, d.status, d.attempts, d.next_attempt_at, d.delivered_at,
                   coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'started_at', a.started_at,
                                 'latency_ms', a.latency_ms, 'http_status', a.http_status,
                                 'answer_snippet', a.answer_snippet, 'error', a.error) ORDER BY a.attempt)
                             FROM delivery_attempts a WHERE a.delivery_id = d.id), '[]'::json)::text AS attempts_json
            FROM deliveries d JOIN messages m ON m.id = d.message_id JOIN endpoints e ON e.id = d.endpoint_id
            """;
    private static final String BY_ENDPOINT = DELIVERIES + """
            WHERE d.endpoint_id = $1 AND e.hub_id = $2 AND ($3::text IS NULL OR d.status = $3)
              AND ($4::timestamptz IS NULL OR d.created_at >= $4)
            ORDER BY d.id DESC LIMIT $5""";
    private static final String BY_MESSAGE = DELIVERIES + """
            WHERE d.message_id = $1 AND e.hub_id = $2 AND m.hub_id = $2 ORDER BY d.id""";
    private static final String MESSAGE_EXISTS = "SELECT 1 FROM messages WHERE id = $1 AND hub_id = $2";

    /** Back to pending now, with the retry schedule from the start; a delivery in flight keeps its lease. */
    private static final String REPLAY_ONE = """
            UPDATE deliveries d SET status = 'pending', next_attempt_at = now(), schedule_from = d.attempts,
                lease_until = CASE WHEN d.status = 'pending' THEN d.lease_until END
            FROM endpoints e
            WHERE d.id = $1 AND d.endpoint_id = $2 AND e.id = d.endpoint_id AND e.hub_id = $3 AND e.deleted_at IS NULL
            RETURNING d.id""";
    /**
     * Every message of the hub since $3 for this endpoint: its finished deliveries queued again, and a delivery
     * for each message its filter takes that it never got (not other endpoints' test events).
     */
    private static final String REPLAY_SINCE = """
            WITH ep AS (SELECT id, event_types FROM endpoints WHERE id = $1 AND hub_id = $2 AND deleted_at IS NULL),
            requeued AS (
                UPDATE deliveries d SET status = 'pending', next_attempt_at = now(), schedule_from = d.attempts,
                    lease_until = NULL
                FROM ep, messages m
                WHERE d.endpoint_id = ep.id AND m.id = d.message_id AND m.created_at >= $3 AND d.status <> 'pending'
                RETURNING d.id),
            created AS (
                INSERT INTO deliveries (endpoint_id, message_id, ordering_key, message_seq)
                SELECT ep.id, m.id, coalesce(m.onboarding_id, m.id), m.seq FROM ep JOIN messages m ON m.hub_id = $2
                WHERE m.created_at >= $3 AND m.event_type <> 'webhook.test'
                  AND (ep.event_types IS NULL OR m.event_type = ANY (ep.event_types))
                ON CONFLICT (endpoint_id, message_id) DO NOTHING
                RETURNING id)
            SELECT (SELECT count(*) FROM ep) AS found,
                   (SELECT count(*) FROM requeued) + (SELECT count(*) FROM created) AS replayed""";

    private final Pool pool;
    private final ObjectMapper json;

    public EndpointStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    Uni<EndpointView> insert(SqlClient tx, String id, String hubId, String url, String description, String[] eventTypes) {
        return tx.preparedQuery(INSERT).execute(Tuple.of(id, hubId, url, description, eventTypes))
                .map(rows -> view(rows.iterator().next()));
    }

    Uni<List<EndpointView>> list(String hubId) {
        return pool.preparedQuery(LIST).execute(Tuple.of(hubId)).map(rows -> {
            List<EndpointView> views = new ArrayList<>();
            rows.forEach(row -> views.add(view(row)));
            return views;
        });
    }

    Uni<Optional<EndpointView>> find(String id, String hubId) {
        return pool.preparedQuery(GET).execute(Tuple.of(id, hubId)).map(EndpointStore::first);
    }

    Uni<Optional<EndpointView>> lock(SqlClient tx, String id, String hubId) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(id, hubId)).map(EndpointStore::first);
    }

    Uni<Optional<EndpointView>> update(SqlClient tx, String id, String hubId, EndpointPatch patch, boolean setFilter,
            String[] eventTypes) {
        Tuple params = Tuple.of(id, hubId, patch.url(), patch.description(), setFilter, eventTypes).addValue(patch.enabled());
        return tx.preparedQuery(UPDATE).execute(params).map(EndpointStore::first).call(updated -> {
            if (updated.isPresent() && Boolean.TRUE.equals(patch.enabled())) {
                return tx.preparedQuery(RESUME).execute(Tuple.of(id));
            }
            return Uni.createFrom().voidItem();
        });
    }

    Uni<Boolean> delete(SqlClient tx, String id, String hubId) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(id, hubId)).chain(rows -> rows.rowCount() == 0
                ? Uni.createFrom().item(false)
                : tx.preparedQuery(CANCEL).execute(Tuple.of(id)).replaceWith(true));
    }

    Uni<List<DeliveryView>> deliveries(String endpointId, String hubId, String status, Instant since, int limit) {
        Tuple params = Tuple.of(endpointId, hubId, status, since == null ? null : since.atOffset(ZoneOffset.UTC), limit);
        return pool.preparedQuery(BY_ENDPOINT).execute(params).map(this::deliveryViews);
    }

    /** @return empty when the message is not the hub's */
    Uni<Optional<List<DeliveryView>>> deliveriesOfMessage(String messageId, String hubId) {
        return pool.preparedQuery(MESSAGE_EXISTS).execute(Tuple.of(messageId, hubId)).chain(found -> found.rowCount() == 0
                ? Uni.createFrom().item(Optional.<List<DeliveryView>>empty())
                : pool.preparedQuery(BY_MESSAGE).execute(Tuple.of(messageId, hubId)).map(rows -> Optional.of(deliveryViews(rows))));
    }

    Uni<Boolean> replay(long deliveryId, String endpointId, String hubId) {
        return pool.preparedQuery(REPLAY_ONE).execute(Tuple.of(deliveryId, endpointId, hubId)).map(rows -> rows.rowCount() > 0);
    }

    /** @return empty when the endpoint is not the hub's, else how many deliveries were queued */
    Uni<Optional<Long>> replaySince(String endpointId, String hubId, Instant since) {
        return pool.preparedQuery(REPLAY_SINCE).execute(Tuple.of(endpointId, hubId, since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getLong("found") == 0 ? Optional.empty() : Optional.of(row.getLong("replayed"));
                });
    }

    private List<DeliveryView> deliveryViews(RowSet<Row> rows) {
        List<DeliveryView> views = new ArrayList<>();
        for (Row row : rows) {
            views.add(new DeliveryView(row.getLong("id"), row.getString("endpoint_id"), row.getString("message_id"),
                    row.getString("event_type"), row.getString("status"), row.getInteger("attempts"),
                    "pending".equals(row.getString("status")) ? instant(row.getOffsetDateTime("next_attempt_at")) : null,
                    instant(row.getOffsetDateTime("delivered_at")), attempts(row.getString("attempts_json"))));
        }
        return views;
    }

    private List<DeliveryView.Attempt> attempts(String text) {
        try {
            List<DeliveryView.Attempt> attempts = new ArrayList<>();
            for (JsonNode a : json.readTree(text)) {
                attempts.add(new DeliveryView.Attempt(a.get("attempt").asInt(),
                        OffsetDateTime.parse(a.get("started_at").asText()).toInstant(), intOrNull(a.get("latency_ms")),
                        intOrNull(a.get("http_status")), textOrNull(a.get("answer_snippet")), textOrNull(a.get("error"))));
            }
            return attempts;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("json_agg wrote JSON", e);
        }
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Optional<EndpointView> first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next()));
    }

    private static EndpointView view(Row row) {
        String[] types = row.getArrayOfStrings("event_types");
        return new EndpointView(row.getString("id"), row.getString("url"), row.getString("description"),
                types == null ? null : Arrays.asList(types), row.getBoolean("enabled"), row.getString("disabled_reason"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")), null);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

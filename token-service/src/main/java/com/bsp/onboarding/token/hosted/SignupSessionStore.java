package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The signup_sessions table. Every expiry decision uses the database clock ({@code now()}), so creation, the
 * page and the completion agree on when a session ends whatever the service instances' clocks say.
 */
@ApplicationScoped
public class SignupSessionStore {

    private static final String COLUMNS =
            "id, hub_id, status, created_at, expires_at, signup_id, outcome, customer_reference, redirect_url, flow, prefill";

    /**
     * Reads a session and, in the same statement, turns an open one past its expiry into 'expired': the row
     * then says what its user was told.
     */
    private static final String SETTLE = """
            UPDATE signup_sessions SET status = CASE WHEN status = 'open' AND expires_at <= now() THEN 'expired' ELSE status END
            WHERE %s RETURNING""" + " " + COLUMNS;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@link #recordEvent} answers when the session has recorded as many messages as it may. */
    public static final int EVENT_LIMIT_REACHED = -1;

    private final Pool pool;

    public SignupSessionStore(Pool pool) {
        this.pool = pool;
    }

    /** Opens a session and writes its announcement to the outbox in the same transaction: no session goes unannounced. */
    public Uni<SignupSession> create(UUID id, String hubId, String tokenSha256, Duration ttl, SessionInput input,
            Function<SignupSession, OutboxRecord> announcement) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO signup_sessions (id, hub_id, token_sha256, status, created_at, expires_at, customer_reference,
                            redirect_url, flow, prefill)
                        VALUES ($1, $2, $3, 'open', now(), now() + make_interval(secs => $4), $5, $6, $7, $8) RETURNING""" + " " + COLUMNS)
                .execute(Tuple.from(new Object[] {id, hubId, tokenSha256, ttl.toMillis() / 1000.0, input.customerReference(),
                        input.redirectUrl() == null ? null : input.redirectUrl().toString(), input.flow().wireName(),
                        input.prefill() == null ? null : new JsonObject(input.prefill().toString())}))
                .map(rows -> toSession(rows.iterator().next()))
                .call(session -> OutboxWriter.append(tx, announcement.apply(session))));
    }

    /**
     * Records a message the session's page received, with its event, in one transaction: only for a session still
     * open or used (not expired), and at most {@code max} per session. Empty when the session took none.
     */
    public Uni<Optional<Integer>> recordEvent(String tokenSha256, int max, Function<SignupSession, SessionEvent> event,
            BiFunction<SignupSession, Integer, OutboxRecord> announcement) {
        return pool.withTransaction(tx -> tx.preparedQuery(SETTLE.formatted("token_sha256 = $1")).execute(Tuple.of(tokenSha256))
                .chain(rows -> {
                    Optional<SignupSession> found = first(rows);
                    if (found.isEmpty() || SignupSession.EXPIRED.equals(found.get().status())) {
                        return Uni.createFrom().item(Optional.<Integer>empty());
                    }
                    SignupSession session = found.get();
                    // The row lock taken by SETTLE orders concurrent messages of one session.
                    return tx.preparedQuery("SELECT count(*) AS n FROM signup_session_events WHERE session_id = $1")
                            .execute(Tuple.of(session.id()))
                            .chain(counted -> {
                                int seq = counted.iterator().next().getInteger("n") + 1;
                                if (seq > max) {
                                    return Uni.createFrom().item(Optional.of(EVENT_LIMIT_REACHED));
                                }
                                SessionEvent e = event.apply(session);
                                return tx.preparedQuery("""
                                                INSERT INTO signup_session_events (session_id, seq, event, current_step, error_code,
                                                    error_message, meta_session_id, reported_at, waba_id, phone_number_id, business_id,
                                                    received_at)
                                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                                        .execute(Tuple.from(new Object[] {session.id(), seq, e.event(), e.currentStep(), e.errorCode(),
                                                e.errorMessage(), e.metaSessionId(), offset(e.reportedAt()), e.wabaId(), e.phoneNumberId(),
                                                e.businessId(), offset(e.receivedAt())}))
                                        .chain(() -> OutboxWriter.append(tx, announcement.apply(session, seq)))
                                        .replaceWith(Optional.of(seq));
                            });
                }));
    }

    /** The messages a session's page received, in order. */
    public Uni<List<SessionEvent>> events(UUID sessionId) {
        return pool.preparedQuery("""
                        SELECT event, current_step, error_code, error_message, meta_session_id, reported_at, waba_id, phone_number_id,
                            business_id, received_at
                        FROM signup_session_events WHERE session_id = $1 ORDER BY seq""")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    List<SessionEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(new SessionEvent(row.getString("event"), row.getString("current_step"), row.getString("error_code"),
                                row.getString("error_message"), row.getString("meta_session_id"),
                                instant(row.getOffsetDateTime("reported_at")), row.getString("waba_id"), row.getString("phone_number_id"),
                                row.getString("business_id"), instant(row.getOffsetDateTime("received_at"))));
                    }
                    return events;
                });
    }

    /** The session of a token, its status settled against the clock. */
    public Uni<Optional<SignupSession>> findByToken(String tokenSha256) {
        return pool.preparedQuery(SETTLE.formatted("token_sha256 = $1")).execute(Tuple.of(tokenSha256)).map(SignupSessionStore::first);
    }

    /** A session of the hub, its status settled against the clock. */
    public Uni<Optional<SignupSession>> find(String hubId, UUID id) {
        return pool.preparedQuery(SETTLE.formatted("id = $1 AND hub_id = $2")).execute(Tuple.of(id, hubId))
                .map(SignupSessionStore::first);
    }

    /**
     * Marks an open, unexpired session used in one statement: of two completions racing with the same token,
     * exactly one gets the session back. Empty when it was not open.
     */
    public Uni<Optional<SignupSession>> claim(String tokenSha256) {
        return pool.preparedQuery("UPDATE signup_sessions SET status = 'used' WHERE token_sha256 = $1 AND status = 'open' "
                        + "AND expires_at > now() RETURNING " + COLUMNS)
                .execute(Tuple.of(tokenSha256))
                .map(SignupSessionStore::first);
    }

    /** What the claimed completion came to: the signup it produced, or the problem type of its refusal. */
    public Uni<Void> recordOutcome(UUID id, UUID signupId, String outcome) {
        return pool.preparedQuery("UPDATE signup_sessions SET signup_id = $2, outcome = $3 WHERE id = $1 AND status = 'used'")
                .execute(Tuple.of(id, signupId, outcome))
                .replaceWithVoid();
    }

    /** Gives a claimed session back (Graph could not be asked and the code was released), noting why. */
    public Uni<Void> reopen(UUID id, String outcome) {
        return pool.preparedQuery("UPDATE signup_sessions SET status = 'open', outcome = $2 WHERE id = $1 AND status = 'used'")
                .execute(Tuple.of(id, outcome))
                .replaceWithVoid();
    }

    private static Optional<SignupSession> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toSession(rows.iterator().next()));
    }

    private static SignupSession toSession(Row row) {
        JsonObject prefill = row.getJsonObject("prefill");
        return new SignupSession(row.getUUID("id"), row.getString("hub_id"), row.getString("status"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("expires_at")),
                row.getUUID("signup_id"), row.getString("outcome"), row.getString("customer_reference"), row.getString("redirect_url"),
                SignupFlow.fromWire(row.getString("flow")).orElse(SignupFlow.DEFAULT), prefill == null ? null : objectNode(prefill));
    }

    private static ObjectNode objectNode(JsonObject json) {
        try {
            return (ObjectNode) JSON.readTree(json.encode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signup_sessions.prefill is not JSON", e);
        }
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

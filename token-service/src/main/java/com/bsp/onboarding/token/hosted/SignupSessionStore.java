package com.bsp.onboarding.token.hosted;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The signup_sessions table. Every expiry decision uses the database clock ({@code now()}), so creation, the
 * page and the completion agree on when a session ends whatever the service instances' clocks say.
 */
@ApplicationScoped
public class SignupSessionStore {

    private static final String COLUMNS = "id, hub_id, status, created_at, expires_at, signup_id, outcome";

    /**
     * Reads a session and, in the same statement, turns an open one past its expiry into 'expired': the row
     * then says what its user was told.
     */
    private static final String SETTLE = """
            UPDATE signup_sessions SET status = CASE WHEN status = 'open' AND expires_at <= now() THEN 'expired' ELSE status END
            WHERE %s RETURNING""" + " " + COLUMNS;

    private final Pool pool;

    public SignupSessionStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<SignupSession> create(UUID id, String hubId, String tokenSha256, Duration ttl) {
        return pool.preparedQuery("""
                        INSERT INTO signup_sessions (id, hub_id, token_sha256, status, created_at, expires_at)
                        VALUES ($1, $2, $3, 'open', now(), now() + make_interval(secs => $4)) RETURNING""" + " " + COLUMNS)
                .execute(Tuple.of(id, hubId, tokenSha256, ttl.toMillis() / 1000.0))
                .map(rows -> toSession(rows.iterator().next()));
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
        return new SignupSession(row.getUUID("id"), row.getString("hub_id"), row.getString("status"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("expires_at")),
                row.getUUID("signup_id"), row.getString("outcome"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

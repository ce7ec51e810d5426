package com.bsp.onboarding.link.links;

import com.bsp.onboarding.link.LinkServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands out each partner's {@code io_timestamp} seconds, one per link. 360Dialog's IO signature covers only
 * {@code {partnerId}|{seconds}} and is accepted once, so two links of a partner must never share a second.
 * Normally a link gets the current second; a burst takes the following ones, borrowed from the near future
 * up to {@code link.signature-max-lead}, and beyond that the link is refused until the clock catches up.
 * <p>
 * The clock is a row per partner, advanced by one statement that is atomic on its own (the row lock of
 * {@code ON CONFLICT DO UPDATE} orders concurrent callers), so it is safe across replicas and costs one
 * round trip. A refused request does not move the clock.
 */
@ApplicationScoped
public class SignatureClock {

    /**
     * Inserts the partner's clock at {@code $2} (now) or moves it to the later of now and the next second,
     * unless that is more than {@code $3} seconds ahead of now. A refused request gets the clock's value
     * back, read in the statement's snapshot, so the caller can say when to retry; that value may be a
     * moment stale under concurrency, which only makes the hint a little early.
     * <p>
     * The commit of the reservation is asynchronous ({@code synchronous_commit} off for this transaction
     * alone). Without that, all links of a partner would queue on the clock row for one WAL flush each
     * (about 1 ms here, so at most ~1,000 links/s per partner, with tens of ms of queueing in a burst).
     * It is safe: a second only matters once a link carrying it is stored, and that link's insert commits
     * synchronously after this commit record was written, so flushing it flushes this too. A reservation
     * lost in a crash was never given to a stored link (and never reached a caller).
     */
    private static final String RESERVE = """
            WITH reserved AS (
                INSERT INTO signature_clock AS clock (partner_id, last_second) VALUES ($1, $2)
                ON CONFLICT (partner_id) DO UPDATE
                    SET last_second = GREATEST(EXCLUDED.last_second, clock.last_second + 1)
                    WHERE GREATEST(EXCLUDED.last_second, clock.last_second + 1) - EXCLUDED.last_second <= $3
                RETURNING last_second
            )
            SELECT last_second, true AS granted, set_config('synchronous_commit', 'off', true) FROM reserved
            UNION ALL
            SELECT last_second, false, NULL FROM signature_clock
            WHERE partner_id = $1 AND NOT EXISTS (SELECT 1 FROM reserved)
            """;

    private final Pool pool;
    private final long maxLeadSeconds;

    public SignatureClock(Pool pool, LinkServiceConfig config) {
        this.pool = pool;
        this.maxLeadSeconds = config.signatureMaxLead().toSeconds();
        if (maxLeadSeconds < 0) {
            throw new IllegalStateException("link.signature-max-lead must not be negative");
        }
    }

    /** How far ahead of now a partner's clock may run, in seconds. */
    public long maxLeadSeconds() {
        return maxLeadSeconds;
    }

    /** The partner's next signature second, at or after {@code nowSecond}, or a refusal saying when to retry. */
    public Uni<Reservation> reserve(String partnerId, long nowSecond) {
        return pool.preparedQuery(RESERVE).execute(Tuple.of(partnerId, nowSecond, maxLeadSeconds))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        // Refused while the row was created concurrently, after this statement's snapshot:
                        // the clock is barely ahead, so a retry in a second will do.
                        return Reservation.refused(1);
                    }
                    Row row = it.next();
                    long second = row.getLong("last_second");
                    return row.getBoolean("granted")
                            ? Reservation.granted(second)
                            : Reservation.refused(retryAfter(second, nowSecond));
                });
    }

    /**
     * A request at time t is granted once {@code last + 1 - t <= maxLead}, so the wait is
     * {@code last + 1 - maxLead - now}; at least one second, as other links may take seconds meanwhile.
     */
    private long retryAfter(long lastSecond, long nowSecond) {
        return Math.max(1, lastSecond + 1 - maxLeadSeconds - nowSecond);
    }

    /** A second for one link, or none and how many seconds to wait. */
    public record Reservation(boolean granted, long second, long retryAfterSeconds) {

        static Reservation granted(long second) {
            return new Reservation(true, second, 0);
        }

        static Reservation refused(long retryAfterSeconds) {
            return new Reservation(false, 0, retryAfterSeconds);
        }
    }
}

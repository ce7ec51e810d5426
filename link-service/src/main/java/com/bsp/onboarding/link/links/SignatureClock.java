package com.bsp.onboarding.link.links;

import com.bsp.onboarding.link.LinkServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Guesses each partner's next {@code io_timestamp} second, one per link. 360Dialog's IO signature covers only
 * {@code {partnerId}|{seconds}} and is accepted once, so two links of a partner must never share a second.
 * Normally a link gets the current second; a burst takes the following ones, borrowed from the near future
 * up to {@code link.signature-max-lead}, and beyond that the link is refused until the clock catches up.
 * <p>
 * The clock of record is the partner's row in {@code signature_clock} (the last second handed out). It is
 * advanced by the same statement that stores the link ({@link LinkStore#insertAdvancingClock}), and only if the
 * guess is still ahead of it, so the link costs one round trip and a second is never given twice, whatever
 * other replicas do. The signature is made here before that statement, so the second has to be guessed:
 * this class remembers, per partner, the last second this replica guessed and hands out the next one. A
 * guess another replica (or this one before a restart) already used is refused by the statement, which
 * answers with the clock's value; {@link #learn} then moves the guesses past it. So the memory here is only
 * a hint: it makes the first guess right in the common case, and safety never depends on it. When guesses
 * keep missing (replicas racing for one partner's next seconds), {@link #reserve} lets the row pick the
 * second, in a statement of its own.
 * <p>
 * Bounded: one entry per configured partner.
 */
@ApplicationScoped
public class SignatureClock {

    /**
     * The fallback after missed guesses ({@link #reserve}): inserts the partner's clock at {@code $2} (now) or moves it to the later of now and the next second,
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
    private final Map<String, AtomicLong> lastGuessed = new ConcurrentHashMap<>();

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

    /** The second to sign the partner's next link with: now, or after the last one guessed here. */
    public long guess(String partnerId, long nowSecond) {
        return hint(partnerId).updateAndGet(last -> Math.max(nowSecond, last + 1));
    }

    /**
     * The statement refused a guess and said the clock is at {@code clockSecond}: guess after it from now
     * on. If this replica's guesses ran beyond the lead while the clock did not (guesses whose statement
     * failed take no second from the clock), they start again from the clock, or the partner would be
     * refused for seconds the clock still has.
     */
    public void learn(String partnerId, long clockSecond, long nowSecond) {
        hint(partnerId).updateAndGet(last -> last - nowSecond >= maxLeadSeconds ? clockSecond : Math.max(last, clockSecond));
    }

    /**
     * The partner's next signature second, at or after {@code nowSecond}, chosen by the clock's row itself (or a
     * refusal saying when to retry): for a request whose guesses missed. The caller stores its link with
     * {@link LinkStore#insertWithEvent}, as the second is already its own.
     */
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

    /** Whether a clock at {@code clockSecond} has no second left for a link now: the lead is used up. */
    public boolean leadUsedUp(long clockSecond, long nowSecond) {
        return clockSecond + 1 - nowSecond > maxLeadSeconds;
    }

    /**
     * A request at time t is granted once {@code last + 1 - t <= maxLead}, so the wait is
     * {@code last + 1 - maxLead - now}; at least one second, as other links may take seconds meanwhile.
     */
    public long retryAfter(long clockSecond, long nowSecond) {
        return Math.max(1, clockSecond + 1 - maxLeadSeconds - nowSecond);
    }

    /**
     * Forgets what this replica guessed for the partner, as a replica does when it restarts: the next guess is
     * now again, and the clock's row corrects it. Tests use it after moving a clock by hand.
     */
    void forget(String partnerId) {
        lastGuessed.remove(partnerId);
    }

    /** Nothing guessed yet reads as second 0 (1970): the first guess is now. */
    private AtomicLong hint(String partnerId) {
        return lastGuessed.computeIfAbsent(partnerId, p -> new AtomicLong());
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

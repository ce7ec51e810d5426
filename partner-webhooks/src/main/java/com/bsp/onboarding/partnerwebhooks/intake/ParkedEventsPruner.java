package com.bsp.onboarding.partnerwebhooks.intake;

import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps {@code parked_events} bounded: an event still parked after {@code partner-webhooks.intake.parked-retention}
 * names subjects no onboarding ever bound (a WABA onboarded elsewhere, a lost start), and is dropped. Each run also
 * refreshes the gauges of what is parked, so an alert can fire well before the retention drops anything. Every replica
 * runs it: deleting the same rows twice is harmless, and the gauges are the table's, the same on every replica.
 * Eager, so the gauges are there from the start.
 */
@Startup
@ApplicationScoped
public class ParkedEventsPruner {

    private static final Logger LOG = Logger.getLogger(ParkedEventsPruner.class);

    /** Rows dropped in one statement at most: a backlog goes over a few runs, never in one long transaction. */
    static final int BATCH = 1000;

    private static final String PRUNE = """
            DELETE FROM parked_events WHERE id IN (
                SELECT id FROM parked_events WHERE parked_at < now() - make_interval(secs => $1) ORDER BY parked_at LIMIT $2)
            RETURNING event_id, subjects""";

    private static final String COUNT =
            "SELECT count(*) AS parked, COALESCE(EXTRACT(EPOCH FROM now() - min(parked_at)), 0)::float8 AS oldest FROM parked_events";

    private final Pool pool;
    private final Duration retention;
    private final Counter pruned;
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    public ParkedEventsPruner(Pool pool, PartnerWebhooksConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.retention = config.intake().parkedRetention();
        this.pruned = Counter.builder("partner_intake_parked_pruned_total")
                .description("Parked events dropped because nothing bound their subjects within the retention").register(meters);
        Gauge.builder("partner_intake_parked_events", parked, AtomicLong::get)
                .description("Events waiting for their onboarding to become known").register(meters);
        Gauge.builder("partner_intake_parked_oldest_seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest parked event (0 when none is parked)").register(meters);
    }

    /** Drops up to {@link #BATCH} events parked longer than the retention, then refreshes the gauges; returns how many it dropped. */
    public Uni<Integer> prune() {
        return pool.preparedQuery(PRUNE).execute(Tuple.of((double) retention.toSeconds(), BATCH))
                .map(rows -> {
                    for (Row row : rows) {
                        // Ids and subjects only: the envelope stays unlogged.
                        LOG.infof("Dropped parked event %s: none of %s became known within %s", row.getString("event_id"),
                                String.join(", ", row.getArrayOfStrings("subjects")), retention);
                    }
                    pruned.increment(rows.rowCount());
                    return rows.rowCount();
                })
                .call(this::refresh);
    }

    private Uni<Void> refresh() {
        return pool.query(COUNT).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            parked.set(row.getLong("parked"));
            oldestSeconds.set((long) (double) row.getDouble("oldest"));
        }).replaceWithVoid();
    }

    @Scheduled(every = "${partner-webhooks.intake.parked-prune-interval:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPrune() {
        return prune()
                // The next run tries again; a missed one only keeps a few rows longer.
                .onFailure().invoke(e -> LOG.warnf("Pruning parked events failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

package com.bsp.onboarding.eventing.inbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps {@code processed_events} bounded: forgets ids older than {@link InboxConfig#retention()}, after
 * which no source redelivers. Every replica may run it: deleting the same old rows twice is harmless.
 */
@ApplicationScoped
public class InboxPruner {

    private static final Logger LOG = Logger.getLogger(InboxPruner.class);
    private static final String PRUNE = "DELETE FROM processed_events WHERE processed_at < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final InboxConfig config;

    public InboxPruner(Pool pool, InboxConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Deletes the ids older than the retention; returns how many. */
    public Uni<Integer> prune() {
        return pool.preparedQuery(PRUNE).execute(Tuple.of((double) config.retention().toSeconds())).map(rows -> rows.rowCount());
    }

    @Scheduled(every = "${eventing.inbox.prune-interval:1h}", delayed = "${eventing.inbox.prune-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPrune() {
        return prune()
                .invoke(deleted -> LOG.debugf("Forgot %d processed event ids", deleted))
                // The next run tries again; a missed one only keeps a few rows longer.
                .onFailure().invoke(e -> LOG.warnf("Pruning processed event ids failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

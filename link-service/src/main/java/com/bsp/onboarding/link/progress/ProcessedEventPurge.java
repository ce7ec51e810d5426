package com.bsp.onboarding.link.progress;

import com.bsp.onboarding.link.LinkServiceConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps {@code processed_events} bounded. Every replica may run it: deleting the same old rows twice
 * is harmless, so no election is needed.
 */
@ApplicationScoped
public class ProcessedEventPurge {

    private static final Logger LOG = Logger.getLogger(ProcessedEventPurge.class);

    private final ChannelProgressStore store;
    private final LinkServiceConfig config;

    public ProcessedEventPurge(ChannelProgressStore store, LinkServiceConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${link.progress.purge-interval:1h}", delayed = "${link.progress.purge-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purgeProcessedEvents(config.progress().processedEventRetention())
                .invoke(deleted -> LOG.debugf("Forgot %d processed event ids", deleted))
                // The next run tries again; a missed purge only leaves a few rows for longer.
                .onFailure().invoke(e -> LOG.warnf("Purging processed event ids failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

package com.bsp.onboarding.provisioner.inbox;

import com.bsp.onboarding.provisioner.ProvisionerConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Forgets applied event ids older than the retention: no source redelivers after that long. */
@ApplicationScoped
public class ProcessedEventsPruner {

    private final Pool pool;
    private final ProvisionerConfig config;

    public ProcessedEventsPruner(Pool pool, ProvisionerConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return pool.preparedQuery("DELETE FROM processed_events WHERE processed_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.processedEventRetention().toSeconds()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

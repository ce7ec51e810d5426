package com.bsp.onboarding.eventing.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Takes outbox rows to Kafka in {@code seq} order and deletes them once Kafka acknowledged them.
 *
 * <p>Woken right after each commit for low latency, and polled as a fallback. One relay works at a time
 * across all replicas (a transaction-scoped advisory lock), so events of one key never overtake each
 * other. A failed batch is retried whole: delivery is at least once, and consumers drop duplicates by
 * the CloudEvent id, which is fixed when the event is written.
 *
 * <p>The table comes with this module ({@code db/eventing}, which the service adds to
 * {@code quarkus.flyway.locations}) and is written by {@link OutboxWriter}; the service configures the
 * Kafka channel {@value KafkaEventPublisher#CHANNEL} (acks=all, idempotent).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary, fixed: the advisory lock that elects the one relaying replica (each service has its own database). */
    static final long RELAY_LOCK_ID = 0x6c696e6b_6f757462L;

    private final Pool pool;
    private final KafkaEventPublisher publisher;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private volatile long retryNotBeforeNanos;
    private volatile Duration backoff;
    private volatile boolean stopping;
    private volatile String lastFailure;

    public OutboxRelay(Pool pool, KafkaEventPublisher publisher, OutboxConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.publisher = publisher;
        this.config = config;
        this.backoff = this.config.pollInterval();
        this.published = meters.counter("outbox_events_published_total");
        this.failures = meters.counter("outbox_relay_failures_total");
        meters.gauge("outbox_events_pending", pending);
    }

    /** Asks for a relay run soon; cheap, callable from any thread, coalesces concurrent calls. */
    public void wake() {
        wakeRequested.set(true);
        if (!stopping && System.nanoTime() - retryNotBeforeNanos >= 0 && running.compareAndSet(false, true)) {
            drain();
        }
    }

    @Scheduled(every = "${outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        wake();
        return pool.query("SELECT count(*) FROM outbox_events").execute()
                .invoke(rows -> pending.set(rows.iterator().next().getLong(0)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public long pendingEvents() {
        return pending.get();
    }

    public String lastFailure() {
        return lastFailure;
    }

    private void drain() {
        wakeRequested.set(false);
        relayBatch().subscribe().with(relayed -> {
            backoff = config.pollInterval();
            lastFailure = null;
            if (!stopping && (relayed == config.batchSize() || wakeRequested.get())) {
                drain();
            } else {
                running.set(false);
                if (wakeRequested.get()) {
                    wake();
                }
            }
        }, failure -> {
            failures.increment();
            lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            LOG.warnf("Outbox relay failed, retrying in %d ms: %s", backoff.toMillis(), lastFailure);
            retryNotBeforeNanos = System.nanoTime() + backoff.toNanos();
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
            running.set(false);
        });
    }

    /** One batch in one transaction: lock, read in order, publish all, delete what Kafka acknowledged. */
    private Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK_ID))
                .flatMap(rows -> rows.iterator().next().getBoolean(0) ? publishBatch(connection) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        return connection
                .preparedQuery("SELECT seq, topic, event_key, payload FROM outbox_events ORDER BY seq LIMIT $1")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Long> seqs = new ArrayList<>(rows.size());
                    List<Uni<Void>> sends = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        seqs.add(row.getLong("seq"));
                        sends.add(publisher.publish(row.getString("topic"), row.getString("event_key"),
                                row.getString("payload"), config.sendTimeout()));
                    }
                    return Uni.join().all(sends).andFailFast()
                            .flatMap(acked -> connection.preparedQuery("DELETE FROM outbox_events WHERE seq = ANY($1)")
                                    .execute(Tuple.of(seqs.toArray(Long[]::new))))
                            .invoke(() -> published.increment(seqs.size()))
                            .replaceWith(seqs.size());
                });
    }
}

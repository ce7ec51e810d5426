package com.bsp.onboarding.partnerwebhooks.delivery;

import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import com.bsp.onboarding.partnerwebhooks.signing.SigningSecrets;
import com.bsp.onboarding.partnerwebhooks.transport.EndpointAddresses;
import com.bsp.onboarding.partnerwebhooks.transport.EndpointAddresses.RefusedAddressException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries to the hubs' endpoints, at least once.
 *
 * <p>One loop on one Vert.x context (its state needs no locks). A claim (leased in the database, so replicas
 * share the work and a crashed replica's deliveries are taken again when the lease runs out) fills each
 * endpoint's lane up to its room; each lane sends at most its in-flight limit at once, so a slow, failing or
 * hanging endpoint holds its own slots and nothing else; the attempts of everything finished are recorded in one
 * statement while the next requests are on their way. A claim runs when woken (a commit made deliveries, a lane
 * emptied, a batch was recorded) and on a fallback poll (retries coming due, other replicas' commits). Only the
 * first pending delivery of an (endpoint, onboarding) is ever claimed, so an onboarding's events arrive in order.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final PartnerWebhooksConfig.DeliveryConfig config;
    private final DeliveryStore store;
    private final SigningSecrets secrets;
    private final EndpointAddresses addresses;
    private final EndpointDisabler disabler;
    private final Vertx vertx;
    private final List<Duration> schedule;
    private final long leaseMillis;
    /** The longest an attempt can take: a queued delivery is sent only while its lease outlasts that. */
    private final long attemptNanos;

    private final Counter delivered;
    private final Counter retrying;
    private final Counter failed;
    private final Timer latency;
    private final Counter expiredInQueue;
    private final AtomicLong pending = new AtomicLong();

    private Context context;
    private Executor onContext;
    private DeliverySender sender;

    // Confined to the context; volatile where shutdown reads them from its own thread.
    private boolean claiming;
    private boolean wakeRequested;
    private volatile boolean flushing;
    private volatile boolean stopping;
    private volatile int inFlight;
    // The sums of the lanes' counts, kept beside them: the gauges read them from other threads, the lanes are
    // confined to the context.
    private volatile int held;
    private final Map<String, EndpointLane> lanes = new HashMap<>();
    private List<AttemptResult> unrecorded = new ArrayList<>();
    private volatile int unrecordedCount;

    public DeliveryDispatcher(PartnerWebhooksConfig config, DeliveryStore store, SigningSecrets secrets,
            EndpointAddresses addresses, EndpointDisabler disabler, io.vertx.mutiny.core.Vertx vertx, MeterRegistry meters) {
        this.config = config.delivery();
        this.store = store;
        this.secrets = secrets;
        this.addresses = addresses;
        this.disabler = disabler;
        this.vertx = vertx.getDelegate();
        this.schedule = List.copyOf(this.config.retrySchedule());
        // Longer than any attempt can take, so a live replica's lease never runs out under it.
        this.attemptNanos = this.config.connectTimeout().plus(this.config.requestTimeout()).toNanos();
        this.leaseMillis = this.config.connectTimeout().plus(this.config.requestTimeout()).plus(this.config.leaseMargin()).toMillis();
        this.delivered = Counter.builder("deliveries").tag("outcome", "delivered").register(meters);
        this.retrying = Counter.builder("deliveries").tag("outcome", "retry").register(meters);
        this.failed = Counter.builder("deliveries").tag("outcome", "failed").register(meters);
        this.latency = Timer.builder("delivery.attempt.latency").description("From request start to the answer read")
                .register(meters);
        meters.gauge("deliveries.pending", pending);
        meters.gauge("deliveries.in.flight", this, d -> d.inFlight);
        meters.gauge("deliveries.held", this, d -> d.held);
        this.expiredInQueue = Counter.builder("deliveries.lease.expired.queued")
                .description("Claimed deliveries left unsent because their lease ran out while they waited for a slot")
                .register(meters);
    }

    void start(@Observes StartupEvent startup) {
        context = vertx.getOrCreateContext();
        onContext = command -> context.runOnContext(v -> command.run());
        sender = new DeliverySender(vertx, config);
        wake();
    }

    /** Called after a commit that created deliveries: look for due ones now rather than at the next poll. */
    public void wake() {
        Context loop = context;
        if (loop == null) {
            return; // not started yet: start() wakes
        }
        loop.runOnContext(v -> {
            wakeRequested = true;
            claimIfDue();
        });
    }

    @Scheduled(every = "${partner-webhooks.delivery.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (stopping) {
            return Uni.createFrom().voidItem(); // the pool closes during shutdown: nothing more to look for
        }
        wake();
        return disabler.disableLongFailing().invoke(n -> {
            if (n > 0) {
                wake();
            }
        }).onFailure().invoke(e -> LOG.warn("Disabling long-failing endpoints failed; the next poll retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> countPending() {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return store.pending().invoke(pending::set).onFailure().recoverWithNull().replaceWithVoid();
    }

    private void claimIfDue() {
        if (claiming || stopping || !wakeRequested) {
            return;
        }
        int room = Math.min(config.claimBatchSize(), config.maxInFlight() - held);
        if (room <= 0) {
            return; // wakeRequested stays: a finished request claims again
        }
        wakeRequested = false;
        claiming = true;
        int limit = config.maxInFlightPerEndpoint();
        int ahead = config.queueAheadPerEndpoint();
        List<String> ids = new ArrayList<>();
        List<Integer> rooms = new ArrayList<>();
        lanes.values().removeIf(EndpointLane::idle);
        for (EndpointLane lane : lanes.values()) {
            ids.add(lane.endpointId);
            rooms.add(lane.room(limit, ahead));
        }
        store.claim(ids.toArray(String[]::new), rooms.toArray(Integer[]::new), limit + ahead, room, leaseMillis)
                .emitOn(onContext).subscribe().with(claimed -> {
                    claiming = false;
                    for (Claimed delivery : claimed) {
                        EndpointLane lane = lanes.computeIfAbsent(delivery.endpointId(), EndpointLane::new);
                        lane.queued.add(delivery);
                        held++;
                    }
                    for (Claimed delivery : claimed) {
                        pump(lanes.get(delivery.endpointId()));
                    }
                    if (claimed.size() == room) {
                        wakeRequested = true; // there may be more due
                    }
                    claimIfDue();
                }, e -> {
                    claiming = false;
                    LOG.warn("Claiming deliveries failed; the next wake or poll retries", e);
                });
    }

    /**
     * Sends the lane's queued deliveries while it has free slots. One whose lease could run out before its
     * request ends stays unsent: another claim (here or on another replica) takes it once the lease is over.
     */
    private void pump(EndpointLane lane) {
        long mustEndBy = System.nanoTime() + attemptNanos;
        while (!stopping && lane.inFlight < config.maxInFlightPerEndpoint() && !lane.queued.isEmpty()) {
            Claimed next = lane.queued.poll();
            if (next.leaseEndsAtNanos() - mustEndBy < 0) {
                held--;
                expiredInQueue.increment();
                continue;
            }
            lane.inFlight++;
            send(next);
        }
    }

    private void send(Claimed delivery) {
        inFlight++;
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        URI url;
        try {
            url = URI.create(delivery.url());
        } catch (IllegalArgumentException e) {
            finish(delivery, startedAt, started, new DeliverySender.Answer(null, null, "invalid endpoint URL"));
            return;
        }
        secrets.keysFor(delivery.endpointId())
                .chain(keys -> addresses.resolve(url).map(address -> new Object[] {keys, address}))
                .emitOn(onContext)
                .chain(ready -> {
                    @SuppressWarnings("unchecked")
                    List<byte[]> keys = (List<byte[]>) ready[0];
                    if (keys.isEmpty()) {
                        return Uni.createFrom().item(new DeliverySender.Answer(null, null, "no signing secret"));
                    }
                    return Uni.createFrom().completionStage(() -> sender.send(url, (java.net.InetAddress) ready[1],
                            delivery.messageId(), delivery.payload(), keys).toCompletionStage());
                })
                .onFailure(RefusedAddressException.class)
                .recoverWithItem(e -> new DeliverySender.Answer(null, null, "refused: " + e.getMessage()))
                .onFailure().recoverWithItem(e -> new DeliverySender.Answer(null, null, "not sent: " + e.getClass().getSimpleName()))
                .emitOn(onContext)
                .subscribe().with(answer -> finish(delivery, startedAt, started, answer));
    }

    private void finish(Claimed delivery, Instant startedAt, long started, DeliverySender.Answer answer) {
        inFlight--;
        held--;
        long nanos = System.nanoTime() - started;
        latency.record(nanos, TimeUnit.NANOSECONDS);
        boolean ok = answer.status() != null && answer.status() >= 200 && answer.status() < 300;
        int retryIndex = delivery.attempts() - delivery.scheduleFrom();
        String outcome;
        Instant next = null;
        if (ok) {
            outcome = AttemptResult.DELIVERED;
            delivered.increment();
        } else if (retryIndex < schedule.size()) {
            outcome = AttemptResult.PENDING;
            next = Instant.now().plus(schedule.get(retryIndex));
            retrying.increment();
        } else {
            outcome = AttemptResult.FAILED;
            failed.increment();
        }
        int attempt = delivery.attempts() + 1;
        if (ok) {
            LOG.debugf("Delivery %d of message %s to endpoint %s, attempt %d: %d", delivery.id(), delivery.messageId(),
                    delivery.endpointId(), attempt, answer.status());
        } else {
            LOG.infof("Delivery %d of message %s to endpoint %s, attempt %d: %s, %s", delivery.id(), delivery.messageId(),
                    delivery.endpointId(), attempt, answer.status() == null ? answer.error() : "HTTP " + answer.status(),
                    outcome.equals(AttemptResult.PENDING) ? "retry at " + next : "no retry left");
        }
        EndpointLane lane = lanes.get(delivery.endpointId());
        if (lane != null) {
            lane.inFlight--;
            // An endpoint that fails or is slow gets no queue ahead until it answers well again.
            lane.struggling = !ok || nanos > config.slowAnswer().toNanos();
            pump(lane);
            if (lane.held() <= config.maxInFlightPerEndpoint()) {
                wakeRequested = true; // its queue ran low: top it up
            }
        }
        unrecorded.add(new AttemptResult(delivery, startedAt, (int) TimeUnit.NANOSECONDS.toMillis(nanos), answer.status(),
                answer.snippet(), answer.error(), outcome, next));
        unrecordedCount = unrecorded.size();
        flush();
        claimIfDue();
    }

    /** One statement records everything finished since the last one: the writes batch themselves under load. */
    private void flush() {
        if (flushing || unrecorded.isEmpty()) {
            return;
        }
        List<AttemptResult> batch = unrecorded;
        unrecorded = new ArrayList<>();
        unrecordedCount = 0;
        flushing = true;
        store.record(batch).emitOn(onContext).subscribe().with(v -> {
            flushing = false;
            wakeRequested = true; // leases freed, next deliveries of the same ordering keys are due
            flush();
            claimIfDue();
        }, e -> {
            flushing = false;
            // The leases run out and the deliveries are sent again: at least once, never lost.
            LOG.warnf(e, "Recording %d attempts failed; their deliveries are sent again when the leases expire", batch.size());
            flush();
        });
    }

    /**
     * Claims and sends nothing more, gives the queued deliveries' leases back (another replica sends them at
     * once rather than when the leases run out) and waits, up to the grace, for requests in flight and their
     * records.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        releaseQueued(deadline);
        while ((inFlight > 0 || flushing || unrecordedCount > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight > 0) {
            LOG.infof("Stopping with %d deliveries in flight: their leases expire and another replica sends them", inFlight);
        }
        if (sender != null) {
            sender.close();
        }
    }

    private void releaseQueued(long deadline) {
        if (context == null) {
            return;
        }
        CompletableFuture<Long[]> queued = new CompletableFuture<>();
        context.runOnContext(v -> {
            List<Long> ids = new ArrayList<>();
            for (EndpointLane lane : lanes.values()) {
                for (Claimed delivery : lane.queued) {
                    ids.add(delivery.id());
                }
                held -= lane.queued.size();
                lane.queued.clear();
            }
            queued.complete(ids.toArray(Long[]::new));
        });
        try {
            Long[] ids = queued.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (ids.length > 0) {
                store.release(ids).await().atMost(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                LOG.infof("Stopping: gave back the leases of %d queued deliveries", ids.length);
            }
        } catch (Exception e) {
            LOG.infof("Stopping: the queued deliveries' leases were not given back (%s); they run out instead",
                    e.getClass().getSimpleName());
        }
    }
}

package com.bsp.onboarding.provisioner.runner;

import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.channel.ChannelStore;
import com.bsp.onboarding.provisioner.channel.ChannelWorkflow;
import com.bsp.onboarding.provisioner.waba.WabaStore;
import com.bsp.onboarding.provisioner.waba.WabaWorkflow;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs due workflows, up to {@code provisioner.runner.concurrency} at once. Each is claimed with a lease
 * in the database, so replicas share the work and a crashed replica's workflows are taken over once its
 * lease runs out. Woken when input events make work due and when a workflow ends; polled as a fallback
 * for retries coming due.
 */
@ApplicationScoped
public class WorkflowRunner {

    private static final Logger LOG = Logger.getLogger(WorkflowRunner.class);

    private final WabaStore wabas;
    private final ChannelStore channels;
    private final WabaWorkflow wabaWorkflow;
    private final ChannelWorkflow channelWorkflow;
    private final ProvisionerConfig.Runner config;
    private final String owner = "provisioner-" + UUID.randomUUID();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile boolean stopping;

    public WorkflowRunner(WabaStore wabas, ChannelStore channels, WabaWorkflow wabaWorkflow, ChannelWorkflow channelWorkflow,
            ProvisionerConfig config, MeterRegistry meters) {
        this.wabas = wabas;
        this.channels = channels;
        this.wabaWorkflow = wabaWorkflow;
        this.channelWorkflow = channelWorkflow;
        this.config = config.runner();
        meters.gauge("provisioning_workflows_running", running);
    }

    /** Cheap and callable from any thread; concurrent calls coalesce into one claim. */
    public void wake() {
        wakeRequested.set(true);
        if (!stopping && claiming.compareAndSet(false, true)) {
            claim();
        }
    }

    @Scheduled(every = "${provisioner.runner.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    private void claim() {
        wakeRequested.set(false);
        int free = config.concurrency() - running.get();
        if (free <= 0) {
            claiming.set(false);
            return;
        }
        Duration lease = config.lease();
        wabas.claimDue(owner, lease, free)
                .flatMap(claimedWabas -> {
                    claimedWabas.forEach(waba -> start(wabaWorkflow.run(waba, owner, lease)));
                    int left = free - claimedWabas.size();
                    return left <= 0 ? Uni.createFrom().item(claimedWabas.size()) : channels.claimDue(owner, lease, left)
                            .map(claimedChannels -> {
                                claimedChannels.forEach(channel -> start(channelWorkflow.run(channel, owner, lease)));
                                return claimedWabas.size() + claimedChannels.size();
                            });
                })
                .subscribe().with(claimed -> {
                    claiming.set(false);
                    // A full claim may have left more due work behind.
                    if (!stopping && (claimed == free || wakeRequested.get()) && running.get() < config.concurrency()) {
                        wake();
                    }
                }, failure -> {
                    claiming.set(false);
                    LOG.warnf("Claiming due workflows failed: %s", failure.toString());
                });
    }

    private void start(Uni<Void> workflow) {
        running.incrementAndGet();
        workflow.subscribe().with(done -> finished(), failure -> {
            // The lease keeps the workflow; it resumes (reconciling first) when the lease runs out.
            LOG.warnf("A workflow run stopped on %s; it resumes after its lease", failure.toString());
            finished();
        });
    }

    private void finished() {
        running.decrementAndGet();
        wake();
    }

    /** What this replica holds becomes claimable at once; calls in flight are reconciled by whoever resumes them. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        Uni.combine().all().unis(wabas.releaseLeases(owner), channels.releaseLeases(owner)).asTuple()
                .await().atMost(Duration.ofSeconds(5));
    }

    public String owner() {
        return owner;
    }
}

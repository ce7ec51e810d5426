package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import com.bsp.onboarding.provisioner.runner.Backoff;
import com.bsp.onboarding.provisioner.runner.DeadLetters;
import com.bsp.onboarding.provisioner.runner.StepFailure;
import com.bsp.onboarding.provisioner.waba.WabaStore.LeaseLostException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs a claimed WABA through its remaining steps: record the step as started, make its call, record
 * the outcome with the next step (or the end and its event) in one transaction, go on. Transient errors
 * put the WABA back in line after a backoff, so a throttled WABA never holds up the others; permanent
 * ones end it as failed with the provider's error, an event and a dead letter.
 */
@ApplicationScoped
public class WabaWorkflow {

    private static final Logger LOG = Logger.getLogger(WabaWorkflow.class);

    private final WabaStore store;
    private final MetaSteps steps;
    private final Backoff backoff;
    private final OutboxRelay relay;
    private final MeterRegistry meters;

    public WabaWorkflow(WabaStore store, MetaSteps steps, Backoff backoff, OutboxRelay relay, MeterRegistry meters) {
        this.store = store;
        this.steps = steps;
        this.backoff = backoff;
        this.relay = relay;
        this.meters = meters;
    }

    public Uni<Void> run(Waba claimed, String owner, Duration lease) {
        if (claimed.currentStep() == null) {
            return Uni.createFrom().voidItem();
        }
        boolean attemptedBefore = claimed.stepAttempts() > 0;
        return store.startStep(claimed, owner, lease).flatMap(started -> started.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.createFrom().deferred(() -> steps.execute(started.get(), attemptedBefore, owner))
                        .onItemOrFailure().transformToUni((outcome, failure) -> failure == null
                                ? completed(started.get(), owner, lease, outcome)
                                : failed(started.get(), owner, failure)));
    }

    private Uni<Void> completed(Waba waba, String owner, Duration lease, StepOutcome outcome) {
        meters.counter("provisioning_steps_total", "step", waba.currentStep().wireName(), "outcome",
                outcome.skipped() ? "skipped" : "done").increment();
        boolean last = waba.currentStep().next() == null;
        boolean offboarding = waba.currentStep() == WabaStep.REVOKE_CREDIT_SHARING;
        String finalStatus = offboarding ? Waba.OFFBOARDED : Waba.PROVISIONED;
        List<OutboxRecord> events = last ? List.of(finalEvent(merge(waba, outcome), offboarding)) : List.of();
        return store.completeStep(waba, owner, lease, outcome, finalStatus, events).flatMap(next -> {
            if (next.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            if (last) {
                relay.wake();
                meters.counter("wabas_finished_total", "status", finalStatus).increment();
                return Uni.createFrom().voidItem();
            }
            return run(next.get(), owner, lease);
        });
    }

    private Uni<Void> failed(Waba waba, String owner, Throwable failure) {
        if (failure instanceof LeaseLostException) {
            return Uni.createFrom().voidItem();
        }
        StepFailure why = StepFailure.of(failure);
        ProvisioningError error = why.error();
        int attempts = waba.stepAttempts();
        String step = waba.currentStep().wireName();
        if (why.retryable() && !backoff.exhausted(attempts)) {
            Duration delay = backoff.after(attempts);
            meters.counter("provisioning_steps_total", "step", step, "outcome", "retry").increment();
            LOG.infof("WABA %s: %s attempt %d failed (%s), retrying in %d ms", waba.wabaId(), step, attempts, failure.getMessage(),
                    delay.toMillis());
            return store.scheduleRetry(waba, owner, error, delay).replaceWithVoid();
        }
        meters.counter("provisioning_steps_total", "step", step, "outcome", "failed").increment();
        LOG.warnf("WABA %s failed at %s after %d attempts: %s", waba.wabaId(), step, attempts, failure.getMessage());
        Instant now = Instant.now();
        List<OutboxRecord> events = List.of(WabaEvents.failed(waba, attempts, error, now),
                DeadLetters.record(waba.wabaId(), why.deadLetter(waba.wabaId(), step, now)));
        return store.fail(waba, owner, error, events).invoke(relay::wake).replaceWithVoid();
    }

    private static OutboxRecord finalEvent(Waba waba, boolean offboarding) {
        Instant now = Instant.now();
        return offboarding ? WabaEvents.offboarded(waba.wabaId(), waba.hubId(), "PARTNER_REMOVED", waba.creditSharing(), now)
                : WabaEvents.provisioned(waba, now);
    }

    private static Waba merge(Waba w, StepOutcome o) {
        return new Waba(w.wabaId(), w.hubId(), w.signupId(), w.businessId(),
                Optional.ofNullable(o.phoneNumberId()).orElse(w.phoneNumberId()), w.businessToken(), w.status(),
                w.currentStep(), w.stepAttempts(), Optional.ofNullable(o.creditLineId()).orElse(w.creditLineId()),
                Optional.ofNullable(o.allocationConfigId()).orElse(w.allocationConfigId()),
                Optional.ofNullable(o.creditSharing()).orElse(w.creditSharing()), w.pin(),
                Optional.ofNullable(o.phoneRegistration()).orElse(w.phoneRegistration()),
                Optional.ofNullable(o.messageTemplateNamespace()).orElse(w.messageTemplateNamespace()), w.finishType(),
                w.customerReference(), w.tokenSource(), Optional.ofNullable(o.dialog360ClientId()).orElse(w.dialog360ClientId()));
    }
}

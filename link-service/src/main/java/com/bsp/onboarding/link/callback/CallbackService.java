package com.bsp.onboarding.link.callback;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.OnboardingCompleted;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import com.bsp.onboarding.link.links.Link;
import com.bsp.onboarding.link.links.LinkStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Records 360Dialog's redirect back. The link row is locked, so of two concurrent redirects with one
 * state exactly one completes it; the {@code onboarding completed} event commits with that change. The redirect comes
 * through the customer's browser unsigned (reference §3.5): its client and channels are recorded as the customer's
 * claim, which waba-provisioner confirms or refuses against 360Dialog's facts. A redirect naming another client than
 * the one the link was issued for is refused and records nothing.
 */
@ApplicationScoped
public class CallbackService {

    private static final Logger LOG = Logger.getLogger(CallbackService.class);

    private final Pool pool;
    private final LinkStore links;
    private final OutboxRelay relay;
    private final MeterRegistry meters;

    public CallbackService(Pool pool, LinkStore links, OutboxRelay relay, MeterRegistry meters) {
        this.pool = pool;
        this.links = links;
        this.relay = relay;
        this.meters = meters;
    }

    public Uni<CallbackOutcome> complete(IoRedirect redirect) {
        return pool.withTransaction(transaction -> links.lockByState(transaction, redirect.state())
                        .flatMap(link -> decide(transaction, link, redirect)))
                .invoke(outcome -> {
                    meters.counter("io_callbacks_total", "outcome", outcome.getClass().getSimpleName()).increment();
                    if (outcome instanceof CallbackOutcome.Completed done) {
                        // Every channel of a redirect is a claim until waba-provisioner confirms it (channel-claim-decided).
                        meters.counter("io_channel_claims_total", "outcome", "claimed")
                                .increment(done.link().channelList().size() + done.link().revokedChannelList().size());
                        relay.wake();
                    }
                });
    }

    private Uni<CallbackOutcome> decide(SqlConnection transaction, Optional<Link> found, IoRedirect redirect) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (found.isEmpty()) {
            return Uni.createFrom().item(new CallbackOutcome.UnknownState());
        }
        Link link = found.get();
        if (link.isCompleted()) {
            LOG.warnf("Redirect replayed for link %s", link.id());
            return Uni.createFrom().item(new CallbackOutcome.AlreadyUsed(link));
        }
        if (link.isExpired(now)) {
            return Uni.createFrom().item(new CallbackOutcome.Expired(link));
        }
        String requestedClient = link.request().clientId();
        if (requestedClient != null && !requestedClient.equals(redirect.client())) {
            // The redirect is unsigned (reference §3.5): a link issued for a client is never completed for another.
            LOG.warnf("Link %s was issued for another client than its redirect names; refused, nothing recorded", link.id());
            return Uni.createFrom().item(new CallbackOutcome.ClientMismatch(link));
        }
        Link completed = link.complete(redirect.client(), redirect.channels(), redirect.revoked(), now);
        return links.saveCompletion(transaction, completed)
                .flatMap(saved -> OutboxWriter.append(transaction,
                        OutboxRecord.of(Topics.IO_LINK_EVENTS, completed.eventKey(), completedEvent(completed))))
                .replaceWith(new CallbackOutcome.Completed(completed));
    }

    private static CloudEvent<OnboardingCompleted> completedEvent(Link link) {
        OnboardingCompleted data = new OnboardingCompleted(link.id().toString(), link.hubId(), link.partnerId(),
                link.kind(), link.clientId(), link.channelList(), link.revokedChannelList(),
                link.request().partnerPayload(), link.completedAt(), link.request().clientId());
        return CloudEvent.of(UUID.randomUUID().toString(), LinkEventTypes.SOURCE, LinkEventTypes.ONBOARDING_COMPLETED,
                link.id().toString(), link.completedAt(), data);
    }
}

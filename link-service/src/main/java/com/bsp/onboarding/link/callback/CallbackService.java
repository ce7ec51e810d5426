package com.bsp.onboarding.link.callback;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.OnboardingCompleted;
import com.bsp.onboarding.link.links.Link;
import com.bsp.onboarding.link.outbox.Outbox;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Records 360Dialog's redirect back. The link row is locked, so of two concurrent redirects with one
 * state exactly one completes it; the {@code onboarding completed} event commits with that change.
 */
@ApplicationScoped
public class CallbackService {

    private static final Logger LOG = Logger.getLogger(CallbackService.class);

    private final Outbox outbox;
    private final OutboxRelay relay;
    private final MeterRegistry meters;

    public CallbackService(Outbox outbox, OutboxRelay relay, MeterRegistry meters) {
        this.outbox = outbox;
        this.relay = relay;
        this.meters = meters;
    }

    public Uni<CallbackOutcome> complete(IoRedirect redirect) {
        return Panache.withTransaction(() -> Link.<Link>find("ioState", redirect.state())
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResult()
                        .flatMap(link -> decide(link, redirect)))
                .invoke(outcome -> {
                    meters.counter("io_callbacks_total", "outcome", outcome.getClass().getSimpleName()).increment();
                    if (outcome instanceof CallbackOutcome.Completed) {
                        relay.wake();
                    }
                });
    }

    private Uni<CallbackOutcome> decide(Link link, IoRedirect redirect) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (link == null) {
            return Uni.createFrom().item(new CallbackOutcome.UnknownState());
        }
        if (Link.COMPLETED.equals(link.status)) {
            LOG.warnf("Redirect replayed for link %s", link.id);
            return Uni.createFrom().item(new CallbackOutcome.AlreadyUsed(link));
        }
        if (link.isExpired(now)) {
            return Uni.createFrom().item(new CallbackOutcome.Expired(link));
        }
        if (link.requestedClientId != null && !link.requestedClientId.equals(redirect.client())) {
            LOG.warnf("Link %s was issued for client %s but 360Dialog returned client %s; recording 360Dialog's",
                    link.id, link.requestedClientId, redirect.client());
        }
        link.complete(redirect.client(), redirect.channels(), redirect.revoked(), now);
        return outbox.append(Topics.IO_LINK_EVENTS, link.eventKey(), completedEvent(link))
                .replaceWith(new CallbackOutcome.Completed(link));
    }

    private static CloudEvent<OnboardingCompleted> completedEvent(Link link) {
        OnboardingCompleted data = new OnboardingCompleted(link.id.toString(), link.hubId, link.partnerId, link.kind(),
                link.clientId, link.channelList(), link.revokedChannelList(), link.partnerPayload, link.completedAt);
        return CloudEvent.of(UUID.randomUUID().toString(), LinkEventTypes.SOURCE, LinkEventTypes.ONBOARDING_COMPLETED,
                link.id.toString(), link.completedAt, data);
    }
}

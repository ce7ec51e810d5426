package com.bsp.onboarding.link.links;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.LinkIssued;
import com.bsp.onboarding.link.LinkServiceConfig;
import com.bsp.onboarding.link.hub.Hub;
import com.bsp.onboarding.link.progress.OnboardingProgress;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.link.progress.OnboardingProgressReader;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Issues signed links and reads them back, always within the caller's hub. */
@ApplicationScoped
public class LinkService {

    private static final int STATE_BYTES = 32;
    /**
     * Guesses per request before the clock picks the second. A miss teaches the clock's value, so the second guess
     * misses only when other links of the partner take that second too (or a concurrent one of this replica got
     * to the clock first with a later second).
     */
    private static final int GUESSES = 2;

    private final LinkServiceConfig config;
    private final LinkStore store;
    private final SignatureClock clock;
    private final OutboxRelay relay;
    private final MeterRegistry meters;
    private final OnboardingProgressReader progress;
    private final SecureRandom random = new SecureRandom();
    private final String callbackUrl;

    public LinkService(LinkServiceConfig config, LinkStore store, SignatureClock clock, OutboxRelay relay,
            MeterRegistry meters, OnboardingProgressReader progress) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.relay = relay;
        this.meters = meters;
        this.progress = progress;
        this.callbackUrl = config.publicBaseUrl().resolve("/io/callback").toString();
    }

    /**
     * Validates, signs and stores a link with its {@code link issued} event atomically. The link's
     * io_timestamp is the partner's next second on its signature clock, not simply now: two links of a
     * partner signed in one second would share their signature, and 360Dialog would refuse the second one
     * as a replay. The signature (HMAC under the platform secret) is made here, before the statement that
     * advances the clock and stores the link, so the second is guessed ({@link SignatureClock}): one round
     * trip when the guess is right, as it is unless another replica, or this one before a restart, took
     * it. A wrong guess stores nothing and teaches the clock's value, and the link is signed again for a
     * second past it. A request the clock refuses (its lead is used up) stores nothing.
     */
    public Uni<LinkResponse> issue(Hub hub, LinkRequest request) {
        // Validated first, so an invalid request never takes a second from the partner's clock.
        ValidLinkRequest valid = LinkRequestValidator.validate(request, hub);
        return guessed(hub, valid, GUESSES);
    }

    private Uni<LinkResponse> guessed(Hub hub, ValidLinkRequest valid, int guessesLeft) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long nowSecond = now.getEpochSecond();
        Issue issue = sign(hub, valid, now, clock.guess(hub.partnerId(), nowSecond));
        return store.insertAdvancingClock(issue.link(), issue.event(), nowSecond, clock.maxLeadSeconds())
                .flatMap(advance -> {
                    if (advance.stored()) {
                        return Uni.createFrom().item(issued(hub, issue, now));
                    }
                    if (clock.leadUsedUp(advance.clockSecond(), nowSecond)) {
                        return rateLimited(hub, clock.retryAfter(advance.clockSecond(), nowSecond));
                    }
                    clock.learn(hub.partnerId(), advance.clockSecond(), nowSecond);
                    meters.counter("links_signature_second_guesses_missed_total", "hub", hub.id()).increment();
                    return guessesLeft > 1 ? guessed(hub, valid, guessesLeft - 1) : reserved(hub, valid);
                });
    }

    /**
     * After missed guesses (other replicas issuing for the partner at the same time, racing for the same next
     * seconds), the clock picks the second: reserved in a statement of its own, then the link is signed and
     * stored. Two more round trips, but it cannot miss, so a request never fails for contention alone.
     */
    private Uni<LinkResponse> reserved(Hub hub, ValidLinkRequest valid) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long nowSecond = now.getEpochSecond();
        return clock.reserve(hub.partnerId(), nowSecond)
                .flatMap(reservation -> {
                    if (!reservation.granted()) {
                        return rateLimited(hub, reservation.retryAfterSeconds());
                    }
                    clock.learn(hub.partnerId(), reservation.second(), nowSecond);
                    Issue issue = sign(hub, valid, now, reservation.second());
                    return store.insertWithEvent(issue.link(), issue.event()).map(stored -> issued(hub, issue, now));
                });
    }

    private Issue sign(Hub hub, ValidLinkRequest valid, Instant now, long ioTimestamp) {
        UUID id = UUID.randomUUID();
        SignedLink signed = SignedLinkBuilder.build(hub, valid, id, newState(), callbackUrl, ioTimestamp);
        Link link = Link.issue(id, hub, valid, signed, now, now.plus(config.linkTtl()));
        return new Issue(link, signed, OutboxRecord.of(Topics.IO_LINK_EVENTS, link.eventKey(), issuedEvent(link)));
    }

    private LinkResponse issued(Hub hub, Issue issue, Instant now) {
        relay.wake();
        meters.counter("links_issued_total", "hub", hub.id(), "kind", issue.link().kind().wireName()).increment();
        return LinkResponse.created(issue.link(), issue.signed(), now);
    }

    private <T> Uni<T> rateLimited(Hub hub, long retryAfterSeconds) {
        meters.counter("links_rate_limited_total", "hub", hub.id()).increment();
        return Uni.createFrom().failure(signingRateExceeded(retryAfterSeconds, clock.maxLeadSeconds()).exception());
    }

    /** A link signed for one second, with the event that announces it. */
    private record Issue(Link link, SignedLink signed, OutboxRecord event) {
    }

    /**
     * 429 with Retry-After (delay-seconds), so a partner's client can pace its loop without parsing the body;
     * nothing was stored.
     */
    static Problem signingRateExceeded(long retryAfterSeconds, long maxLeadSeconds) {
        String detail = "360Dialog accepts each IO signature once, and a signature covers only the partner id and "
                + "the second, so this hub can sign at most one link per second on average (a burst may run up to "
                + maxLeadSeconds + " seconds ahead, and that allowance is used up). Nothing was stored; retry after "
                + retryAfterSeconds + " seconds.";
        return Problem.of("signing-rate-exceeded", "Too many links for this hub", 429, detail).withRetryAfter(retryAfterSeconds);
    }

    /**
     * Empty when the id is unknown or belongs to another hub: both read as 404, so ids leak nothing.
     * A completed link comes with its onboarding's progress.
     */
    public Uni<Optional<LinkResponse>> find(Hub hub, UUID id) {
        return store.find(id)
                .flatMap(found -> {
                    if (found.isEmpty() || !found.get().hubId().equals(hub.id())) {
                        return Uni.createFrom().item(Optional.<LinkResponse>empty());
                    }
                    Link link = found.get();
                    Uni<OnboardingProgress> onboarding = link.isCompleted()
                            ? progress.read(link.id(), link.partnerId(), link.grantedChannels(), link.revokedChannelList())
                            : Uni.createFrom().nullItem();
                    return onboarding.map(o -> Optional.of(LinkResponse.of(link, Instant.now(), o)));
                });
    }

    private String newState() {
        byte[] bytes = new byte[STATE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static CloudEvent<LinkIssued> issuedEvent(Link link) {
        LinkIssued data = new LinkIssued(link.id().toString(), link.hubId(), link.partnerId(), link.kind(),
                link.request().clientId(), link.request().partnerPayload(), link.request().planSelection(),
                link.createdAt(), link.expiresAt());
        return CloudEvent.of(UUID.randomUUID().toString(), LinkEventTypes.SOURCE, LinkEventTypes.LINK_ISSUED,
                link.id().toString(), link.createdAt(), data);
    }
}

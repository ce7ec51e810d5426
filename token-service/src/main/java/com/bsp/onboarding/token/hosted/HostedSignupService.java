package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.contracts.signup.SignupSessionEvent;
import com.bsp.onboarding.contracts.signup.SignupSessionStarted;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import com.bsp.onboarding.http.auth.Sha256;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.ProblemException;
import com.bsp.onboarding.token.signup.SignupOrigin;
import com.bsp.onboarding.token.signup.SignupOutcome;
import com.bsp.onboarding.token.signup.SignupRequest;
import com.bsp.onboarding.token.signup.SignupService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sessions of the hosted Embedded Signup page: a partner backend opens one, the customer's browser completes
 * it once through the same exchange as {@code POST /v1/signups}, on behalf of the session's hub.
 * Session tokens are never logged: whoever holds one can complete the signup.
 */
@ApplicationScoped
public class HostedSignupService {

    private static final Logger LOG = Logger.getLogger(HostedSignupService.class);

    private final SignupSessionStore sessions;
    private final SignupService signups;
    private final HostedSignupConfig config;
    private final OutboxRelay relay;
    private final MeterRegistry meters;

    public HostedSignupService(SignupSessionStore sessions, SignupService signups, HostedSignupConfig config, OutboxRelay relay,
            MeterRegistry meters) {
        this.sessions = sessions;
        this.signups = signups;
        this.config = config;
        this.relay = relay;
        this.meters = meters;
    }

    /** A new session of the hub; the token leaves this method only inside the session URL. */
    public Uni<SignupSessionCreated> create(String hubId, SessionInput input) {
        String token = SessionTokens.newToken();
        return sessions.create(UUID.randomUUID(), hubId, Sha256.hex(token), config.sessionTtl(), input, HostedSignupService::started)
                .invoke(() -> relay.wake())
                .invoke(session -> LOG.infof("Signup session %s opened for hub %s (%s flow)", session.id(), hubId, input.flow().wireName()))
                .map(session -> new SignupSessionCreated(session.id(), pageUrl(token), session.expiresAt()));
    }

    /** The start of an Embedded Signup onboarding, keyed by the session (never its token). */
    private static OutboxRecord started(SignupSession session) {
        String id = session.id().toString();
        return OutboxRecord.of(Topics.SIGNUP_EVENTS, id, CloudEvent.of(UUID.randomUUID().toString(), SignupEventTypes.SOURCE,
                SignupEventTypes.SIGNUP_SESSION_STARTED, id, session.createdAt(),
                new SignupSessionStarted(id, session.hubId(), session.customerReference(), session.createdAt(), session.expiresAt())));
    }

    public Uni<Optional<SignupSessionView>> find(String hubId, UUID id) {
        return sessions.find(hubId, id).chain(found -> found.isEmpty() ? Uni.createFrom().item(Optional.<SignupSessionView>empty())
                : sessions.events(id).map(events -> Optional.of(SignupSessionView.of(found.get(), events))));
    }

    /**
     * Records a {@code WA_EMBEDDED_SIGNUP} message the session's page received, and announces it. The session must
     * be open or used (a finish may arrive as the completion claims it); an unknown or expired link records nothing.
     */
    public Uni<Void> recordEvent(String token, SessionMessage message) {
        if (!SessionTokens.wellFormed(token)) {
            return Uni.createFrom().failure(new ProblemException(notFound()));
        }
        Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return sessions.recordEvent(Sha256.hex(token), config.maxSessionEvents(), session -> message.toEvent(received),
                        (session, seq) -> announcement(session, seq, message.toEvent(received)))
                .map(recorded -> {
                    if (recorded.isEmpty()) {
                        throw new ProblemException(Problem.of("session-not-found", "Signup link not found", 404,
                                "No open signup session has this link."));
                    }
                    if (recorded.get() == SignupSessionStore.EVENT_LIMIT_REACHED) {
                        throw new ProblemException(Problem.of("too-many-session-events", "Too many messages", 429,
                                "This signup session has recorded as many messages as it may (" + config.maxSessionEvents() + ")."));
                    }
                    relay.wake();
                    meters.counter("signup_session_messages_total", "event", message.metricEvent(), "step", message.metricStep())
                            .increment();
                    return null;
                })
                .replaceWithVoid();
    }

    private static OutboxRecord announcement(SignupSession session, int seq, SessionEvent e) {
        SignupSessionEvent data = new SignupSessionEvent(session.id().toString(), session.hubId(), session.customerReference(), seq,
                e.event(), e.currentStep(), e.errorCode(), e.errorMessage(), e.metaSessionId(), e.wabaId(), e.phoneNumberId(),
                e.businessId(), e.reportedAt(), e.receivedAt());
        CloudEvent<SignupSessionEvent> event = CloudEvent.of(UUID.randomUUID().toString(), SignupEventTypes.SOURCE,
                SignupEventTypes.SESSION_EVENT, session.id().toString(), e.receivedAt(), data);
        return OutboxRecord.of(Topics.SIGNUP_EVENTS, session.id().toString(), event);
    }

    /** The session a page link names, its status settled against the clock; empty for an unknown token. */
    public Uni<Optional<SignupSession>> session(String token) {
        if (!SessionTokens.wellFormed(token)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return sessions.findByToken(Sha256.hex(token));
    }

    /**
     * Claims the session, then submits the signup for its hub. Only a refusal that released the code
     * (graph-unavailable) gives the session back: the customer may retry with the same code, and anything
     * else is final for this link.
     */
    public Uni<SignupOutcome> complete(String token, SignupRequest request) {
        if (!SessionTokens.wellFormed(token)) {
            return Uni.createFrom().failure(new ProblemException(notFound()));
        }
        String tokenSha256 = Sha256.hex(token);
        return sessions.claim(tokenSha256).chain(claimed -> claimed
                .map(session -> submit(session, request))
                .orElseGet(() -> sessions.findByToken(tokenSha256)
                        .chain(found -> Uni.createFrom().failure(new ProblemException(notClaimable(found))))));
    }

    private Uni<SignupOutcome> submit(SignupSession session, SignupRequest request) {
        return signups.submit(session.hubId(), request, new SignupOrigin(session.id(), session.customerReference()))
                .call(outcome -> {
                    LOG.infof("Signup session %s completed: signup %s", session.id(), outcome.signup().id());
                    return bookkeeping(session, sessions.recordOutcome(session.id(), outcome.signup().id(), SignupSession.COMPLETED));
                })
                .onFailure().call(failure -> afterRefusal(session, failure));
    }

    private Uni<Void> afterRefusal(SignupSession session, Throwable failure) {
        Problem problem = failure instanceof ProblemException refused ? refused.problem() : null;
        String outcome = problem == null ? "internal-error" : problem.slug();
        LOG.infof("Signup session %s refused: %s", session.id(), outcome);
        if (problem != null && problem.status() == 503) {
            return bookkeeping(session, sessions.reopen(session.id(), outcome));
        }
        return bookkeeping(session, sessions.recordOutcome(session.id(), null, outcome));
    }

    /**
     * The signup's own outcome is already durable; failing to note it on the session must not turn the
     * customer's answer into an error.
     */
    private static Uni<Void> bookkeeping(SignupSession session, Uni<Void> update) {
        return update.onFailure().recoverWithUni(e -> {
            LOG.warnf("Signup session %s: outcome not recorded (%s)", session.id(), e.getClass().getName());
            return Uni.createFrom().voidItem();
        });
    }

    private String pageUrl(String token) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/signup/" + token;
    }

    private static Problem notClaimable(Optional<SignupSession> found) {
        if (found.isEmpty()) {
            return notFound();
        }
        return switch (found.get().status()) {
            case SignupSession.EXPIRED -> Problem.of("session-expired", "Signup link expired", 410,
                    "This signup link has expired; ask for a new one.");
            case SignupSession.USED -> Problem.of("session-used", "Signup link already used", 409,
                    "This signup link was used before; a link completes one signup.");
            // Open again after a claim failed: a concurrent completion hit graph-unavailable and gave it back.
            default -> Problem.of("session-busy", "Signup link busy", 409,
                    "Another completion was using this signup link; submit again in a moment.");
        };
    }

    private static Problem notFound() {
        return Problem.of("session-not-found", "Signup link not found", 404, "No signup session has this link.");
    }
}

package com.bsp.onboarding.token.signup;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.http.auth.Sha256;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.ProblemException;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import com.bsp.onboarding.providers.GraphErrorCodes;
import com.bsp.onboarding.providers.ProviderException;
import com.bsp.onboarding.providers.ProviderException.Classification;
import com.bsp.onboarding.token.TokenServiceConfig;
import com.bsp.onboarding.token.crypto.Secrets;
import com.bsp.onboarding.token.graph.GraphClient;
import com.bsp.onboarding.token.meta.MetaApps;
import com.bsp.onboarding.token.meta.MetaApps.MetaApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Completes an Embedded Signup: claims the code, exchanges it at once, confirms that the token manages
 * the WABA the browser reported, and stores the token sealed with its {@code signup completed} event.
 * The same code submitted again gets the first outcome; Graph is never asked twice.
 */
@ApplicationScoped
public class SignupService {

    private static final Logger LOG = Logger.getLogger(SignupService.class);

    private final SignupStore store;
    private final GraphClient graph;
    private final MetaApps apps;
    private final Secrets secrets;
    private final OutboxRelay relay;
    private final MeterRegistry meters;
    private final Duration deadline;
    private final Timer graphTime;
    private final Timer serviceAdded;

    public SignupService(SignupStore store, GraphClient graph, MetaApps apps, TokenServiceConfig config, Secrets secrets,
            OutboxRelay relay, MeterRegistry meters) {
        this.store = store;
        this.graph = graph;
        this.apps = apps;
        this.secrets = secrets;
        this.relay = relay;
        this.meters = meters;
        this.deadline = config.graph().deadline();
        // Percentiles over the last 30 to 60 s: recent enough to alert on, long enough to be stable.
        this.graphTime = Timer.builder("signup_graph_seconds").description("Time of the Graph calls of a signup")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(1))
                .distributionStatisticBufferLength(2).register(meters);
        this.serviceAdded = Timer.builder("signup_service_added_seconds")
                .description("Time a completed signup spends in token-service beyond its Graph calls")
                .publishPercentiles(0.5, 0.9, 0.99).distributionStatisticExpiry(Duration.ofMinutes(1))
                .distributionStatisticBufferLength(2).register(meters);
    }

    public Uni<SignupOutcome> submit(String hubId, SignupRequest request) {
        return submit(hubId, request, SignupOrigin.API);
    }

    public Uni<SignupOutcome> submit(String hubId, SignupRequest request, SignupOrigin origin) {
        long started = System.nanoTime();
        AtomicLong graphNanos = new AtomicLong();
        return submit(hubId, request, origin, graphNanos)
                .invoke(() -> serviceAdded.record(System.nanoTime() - started - graphNanos.get(), TimeUnit.NANOSECONDS));
    }

    private Uni<SignupOutcome> submit(String hubId, SignupRequest request, SignupOrigin origin, AtomicLong graphNanos) {
        String codeSha256 = Sha256.hex(request.code());
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return store.claim(id, hubId, codeSha256, request, now)
                // Only a conflicting claim looks for one left behind by a crash mid-exchange.
                .chain(claimed -> claimed ? Uni.createFrom().item(true)
                        : store.releaseIfStale(codeSha256, now.minus(deadline.multipliedBy(2)))
                                .chain(released -> released ? store.claim(id, hubId, codeSha256, request, now) : Uni.createFrom().item(false)))
                .chain(claimed -> claimed
                        ? exchange(id, hubId, request, origin, graphNanos).map(signup -> new SignupOutcome(SignupResponse.of(signup), true))
                        : earlierOutcome(hubId, codeSha256));
    }

    public Uni<Optional<SignupResponse>> find(String hubId, UUID id) {
        return store.find(hubId, id).map(found -> found.filter(s -> Signup.COMPLETED.equals(s.status())).map(SignupResponse::of));
    }

    private Uni<Signup> exchange(UUID id, String hubId, SignupRequest request, SignupOrigin origin, AtomicLong graphNanos) {
        long started = System.nanoTime();
        MetaApp app = apps.of(hubId);
        return graph.exchangeCode(request.code(), app)
                .chain(token -> graph.reachesWaba(token, request.wabaId(), app).map(reaches -> {
                    if (!reaches) {
                        throw new ProblemException(Problem.of("waba-not-granted", "WABA not granted", 403,
                                "The customer's token does not manage WABA " + request.wabaId()
                                        + "; the signup is refused and the token discarded."));
                    }
                    return token;
                }))
                .ifNoItem().after(deadline).failWith(() -> new ProviderException("signup exchange", null, null, null, "transport",
                        "no answer within " + deadline.toMillis() + " ms", null, Classification.OUTCOME_UNKNOWN))
                .invoke(() -> {
                    graphNanos.set(System.nanoTime() - started);
                    graphTime.record(graphNanos.get(), TimeUnit.NANOSECONDS);
                })
                .chain(token -> record(id, hubId, request, origin, token))
                .invoke(() -> {
                    relay.wake();
                    meters.counter("signups_total", "outcome", "completed").increment();
                })
                .onFailure().recoverWithUni(failure -> refuse(id, failure));
    }

    private Uni<Signup> record(UUID id, String hubId, SignupRequest request, SignupOrigin origin, String token) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EncryptedSecret atRest = secrets.sealForStorage(token, id.toString());
        SignupCompleted data = new SignupCompleted(id.toString(), hubId, request.wabaId(), request.phoneNumberId(),
                request.businessId(), request.finishType(), secrets.sealBusinessToken(hubId, id.toString(), token), now,
                origin.sessionId() == null ? null : origin.sessionId().toString(), origin.customerReference());
        CloudEvent<SignupCompleted> event = CloudEvent.of(UUID.randomUUID().toString(), SignupEventTypes.SOURCE,
                SignupEventTypes.SIGNUP_COMPLETED, request.wabaId(), now, data);
        return store.complete(id, atRest, OutboxRecord.of(Topics.SIGNUP_EVENTS, request.wabaId(), event), now);
    }

    /** Records a final refusal, or frees the code when Graph could not be asked, then ends the request. */
    private Uni<Signup> refuse(UUID id, Throwable failure) {
        Problem problem = problemFor(failure);
        meters.counter("signups_total", "outcome", problem.slug()).increment();
        LOG.infof("Signup %s refused: %s (%s)", id, problem.type(), failure.getMessage());
        Uni<Void> bookkeeping = problem.status() == 503
                ? store.release(id)
                : store.fail(id, problem.type(), problem.status(), problem.detail(), Instant.now());
        return bookkeeping.onItem().transformToUni(done -> Uni.createFrom().<Signup>failure(new ProblemException(problem)));
    }

    private Uni<SignupOutcome> earlierOutcome(String hubId, String codeSha256) {
        return store.findByCode(codeSha256).map(found -> {
            Signup earlier = found.orElseThrow(() -> new ProblemException(inProgress()));
            if (!earlier.hubId().equals(hubId)) {
                throw new ProblemException(codeUsed());
            }
            if (Signup.COMPLETED.equals(earlier.status())) {
                return new SignupOutcome(SignupResponse.of(earlier), false);
            }
            if (Signup.FAILED.equals(earlier.status())) {
                throw new ProblemException(new Problem(earlier.problemType(), "Signup refused", earlier.problemStatus(),
                        earlier.problemDetail(), null, java.util.List.of(), null, null));
            }
            throw new ProblemException(inProgress());
        });
    }

    private static Problem problemFor(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.problem();
        }
        if (failure instanceof ProviderException graph) {
            if (graph.is(GraphErrorCodes.INVALID_PARAMETER, GraphErrorCodes.CODE_USED_SUBCODE)) {
                return codeUsed();
            }
            if (graph.is(GraphErrorCodes.INVALID_PARAMETER, GraphErrorCodes.CODE_EXPIRED_SUBCODE)) {
                return Problem.of("code-expired", "Code expired", 410,
                        "The code is older than its 30 seconds; the customer must go through Embedded Signup again.");
            }
            if (GraphClient.unavailable(graph)) {
                return Problem.of("graph-unavailable", "Meta's Graph API unavailable", 503,
                        "Graph could not be asked (" + graph.getMessage() + "); submit the same code again. If the "
                                + "exchange did reach Meta, the retry is answered code-already-used.").withRetryAfter(1);
            }
            return Problem.of("code-rejected", "Code rejected by Meta", 422,
                    "Meta refused the code exchange (" + graph.getMessage() + ").");
        }
        return Problem.of("internal-error", "Internal error", 500, "The signup could not be completed.");
    }

    private static Problem codeUsed() {
        return Problem.of("code-already-used", "Code already used", 409,
                "This code was exchanged before; a code can be exchanged once.");
    }

    private static Problem inProgress() {
        return Problem.of("exchange-in-progress", "Exchange in progress", 409,
                "This code is being exchanged by an earlier request; submit it again in a moment for the outcome.");
    }
}

package com.bsp.onboarding.token.graph;

import com.bsp.onboarding.providers.ProviderCalls;
import com.bsp.onboarding.providers.ProviderException;
import com.bsp.onboarding.providers.ProviderException.Classification;
import com.bsp.onboarding.providers.graph.GraphApi;
import com.bsp.onboarding.token.TokenServiceConfig;
import com.bsp.onboarding.token.meta.MetaApps.MetaApp;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The two Graph calls of a signup. Failures are {@link ProviderException}s; their deadline is the signup's
 * ({@code token.graph.deadline}, applied once over both calls by the caller).
 *
 * <p>Retries are deliberately narrow. A code is accepted once, so the exchange is retried only when the
 * connection failed before the request was sent (it cannot have happened); a timeout or a 5xx may have
 * used the code up, and is reported instead. debug_token only reads, so it may be repeated.
 */
@ApplicationScoped
public class GraphClient {

    private final GraphApi api;
    private final TokenServiceConfig.Graph config;

    public GraphClient(@RestClient GraphApi api, TokenServiceConfig config) {
        this.api = api;
        this.config = config.graph();
    }

    /** Exchanges an Embedded Signup code for the business token, with the app the code was issued for. */
    public Uni<String> exchangeCode(String code, MetaApp app) {
        return Uni.createFrom().deferred(() -> api.exchangeCode(config.version(), app.appId(), app.appSecret(), code))
                .onFailure().transform(e -> ProviderCalls.failed("code exchange", e))
                .onFailure(e -> ((ProviderException) e).classification() == Classification.NOT_SENT)
                .retry().atMost(config.connectAttempts() - 1L)
                .map(answer -> {
                    if (answer == null || answer.accessToken() == null || answer.accessToken().isEmpty()) {
                        throw new ProviderException("code exchange", 200, null, null, null, "answered without access_token", null,
                                Classification.REFUSED);
                    }
                    return answer.accessToken();
                });
    }

    /**
     * Whether the business token reaches the WABA (reference §3.2): the WABA must be among the {@code target_ids}
     * of an accepted scope; when no accepted scope lists targets, the token must be able to read the WABA's
     * phone numbers. Refused when the scopes list other WABAs only, or Graph refuses the read as a permission
     * or unknown-object error; other failures are {@link ProviderException}s like any call's.
     */
    public Uni<Boolean> reachesWaba(String businessToken, String wabaId, MetaApp app) {
        return Uni.createFrom().deferred(() -> api.debugToken(config.version(), businessToken, "Bearer " + app.systemUserToken()))
                .onFailure().transform(e -> ProviderCalls.failed("debug_token", e))
                .onFailure(e -> unavailable((ProviderException) e)).retry().atMost(1)
                .chain(answer -> {
                    Set<String> targets = new HashSet<>();
                    config.acceptedScopes().forEach(scope -> targets.addAll(answer.targets(scope)));
                    return targets.isEmpty() ? canRead(businessToken, wabaId) : Uni.createFrom().item(targets.contains(wabaId));
                });
    }

    /** The functional check: the token reads the WABA's numbers (Chatwoot's fix for the June 2026 rename). */
    private Uni<Boolean> canRead(String businessToken, String wabaId) {
        return Uni.createFrom().deferred(() -> api.phoneNumbers(config.version(), wabaId, "id", "Bearer " + businessToken))
                .onFailure().transform(e -> ProviderCalls.failed("read_waba_numbers", e))
                .onFailure(e -> unavailable((ProviderException) e)).retry().atMost(1)
                .map(numbers -> true)
                .onFailure(e -> !unavailable((ProviderException) e)).recoverWithItem(false);
    }

    /**
     * Graph could not answer: the shared classification says retry, or the answer carried no Graph error at
     * all (a proxy's page). Then the code is given back, and the same code may be submitted again.
     */
    public static boolean unavailable(ProviderException failure) {
        return failure.retryable() || (failure.httpStatus() != null && failure.httpStatus() >= 300 && failure.code() == null);
    }
}

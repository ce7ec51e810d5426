package com.bsp.onboarding.token.graph;

import com.bsp.onboarding.providers.ProviderCalls;
import com.bsp.onboarding.providers.ProviderException;
import com.bsp.onboarding.providers.ProviderException.Classification;
import com.bsp.onboarding.providers.graph.GraphApi;
import com.bsp.onboarding.token.TokenServiceConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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

    private static final String MANAGEMENT_SCOPE = "whatsapp_business_management";

    private final GraphApi api;
    private final TokenServiceConfig.Graph config;

    public GraphClient(@RestClient GraphApi api, TokenServiceConfig config) {
        this.api = api;
        this.config = config.graph();
    }

    /** Exchanges an Embedded Signup code for the business token. */
    public Uni<String> exchangeCode(String code) {
        return Uni.createFrom().deferred(() -> api.exchangeCode(config.version(), config.appId(), config.appSecret(), code))
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

    /** The WABA ids the token may manage: debug_token's whatsapp_business_management targets. */
    public Uni<Set<String>> managedWabaIds(String businessToken) {
        return Uni.createFrom().deferred(() -> api.debugToken(config.version(), businessToken, "Bearer " + config.systemUserToken()))
                .onFailure().transform(e -> ProviderCalls.failed("debug_token", e))
                .onFailure(e -> unavailable((ProviderException) e)).retry().atMost(1)
                .map(answer -> Set.copyOf(answer.targets(MANAGEMENT_SCOPE)));
    }

    /**
     * Graph could not answer: the shared classification says retry, or the answer carried no Graph error at
     * all (a proxy's page). Then the code is given back, and the same code may be submitted again.
     */
    public static boolean unavailable(ProviderException failure) {
        return failure.retryable() || (failure.httpStatus() != null && failure.httpStatus() >= 300 && failure.code() == null);
    }
}

package com.bsp.onboarding.token.graph;

import com.bsp.onboarding.token.TokenServiceConfig;
import com.bsp.onboarding.token.graph.GraphException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Graph API calls of a signup, with Meta's errors sorted into what the caller can act on.
 *
 * <p>Retries are deliberately narrow. A code is accepted once, so the exchange is retried only when the
 * connection failed before the request was sent (it cannot have happened); a timeout or a 5xx may have
 * used the code up, and is reported instead. debug_token only reads, so it may be repeated.
 */
@ApplicationScoped
public class GraphClient {

    private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 4, 17, 341, 368, 613, 80007, 80008, 130429, 131000);
    private static final String MANAGEMENT_SCOPE = "whatsapp_business_management";

    private final GraphApi api;
    private final TokenServiceConfig.Graph config;
    private final ObjectMapper json;

    public GraphClient(@RestClient GraphApi api, TokenServiceConfig config, ObjectMapper json) {
        this.api = api;
        this.config = config.graph();
        this.json = json;
    }

    /** Exchanges an Embedded Signup code for the business token. */
    public Uni<String> exchangeCode(String code) {
        return Uni.createFrom().deferred(() -> api.exchangeCode(config.version(), config.appId(), config.appSecret(), code))
                .onFailure(GraphClient::neverReachedGraph).retry().atMost(config.connectAttempts() - 1L)
                .onFailure(WebApplicationException.class).recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .onFailure(e -> !(e instanceof GraphException)).transform(e -> unavailable("code exchange", e))
                .map(response -> {
                    JsonNode body = bodyOrThrow("code exchange", response);
                    String token = body.path("access_token").asText("");
                    if (token.isEmpty()) {
                        throw new GraphException(Kind.REJECTED, "code exchange answered without access_token");
                    }
                    return token;
                });
    }

    /** The WABA ids the token may manage: debug_token's whatsapp_business_management targets. */
    public Uni<Set<String>> managedWabaIds(String businessToken) {
        return Uni.createFrom().deferred(() -> api.debugToken(config.version(), businessToken, "Bearer " + config.systemUserToken()))
                .onFailure(WebApplicationException.class).recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .onFailure(e -> !(e instanceof GraphException)).transform(e -> unavailable("debug_token", e))
                .map(response -> targets(bodyOrThrow("debug_token", response)))
                .onFailure(e -> e instanceof GraphException g && g.kind() == Kind.UNAVAILABLE).retry().atMost(1);
    }

    private static Set<String> targets(JsonNode body) {
        Set<String> ids = new HashSet<>();
        for (JsonNode scope : body.path("data").path("granular_scopes")) {
            if (MANAGEMENT_SCOPE.equals(scope.path("scope").asText())) {
                scope.path("target_ids").forEach(id -> ids.add(id.asText()));
            }
        }
        return ids;
    }

    private JsonNode bodyOrThrow(String call, Response response) {
        try (response) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            JsonNode body = parse(text);
            if (response.getStatus() == 200 && body != null && !body.has("error")) {
                return body;
            }
            JsonNode error = body == null ? null : body.get("error");
            int code = error == null ? -1 : error.path("code").asInt(-1);
            int subcode = error == null ? -1 : error.path("error_subcode").asInt(-1);
            String described = call + " failed: HTTP " + response.getStatus() + ", Graph error " + code + "/" + subcode;
            if (code == 100 && subcode == 36009) {
                throw new GraphException(Kind.CODE_USED, described);
            }
            if (code == 100 && subcode == 36007) {
                throw new GraphException(Kind.CODE_EXPIRED, described);
            }
            if (response.getStatus() >= 500 || TRANSIENT_CODES.contains(code) || error == null) {
                throw new GraphException(Kind.UNAVAILABLE, described);
            }
            throw new GraphException(Kind.REJECTED, described);
        }
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : json.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    /** Only a refused or failed connection proves the request never left. */
    private static boolean neverReachedGraph(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Names the failure's class only: exception messages of HTTP clients may carry the URL, and so the code. */
    private static GraphException unavailable(String call, Throwable failure) {
        return new GraphException(Kind.UNAVAILABLE, call + " failed: " + failure.getClass().getSimpleName());
    }
}

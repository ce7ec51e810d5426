package com.bsp.onboarding.token.auth;

import com.bsp.onboarding.token.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Authenticates partner backends ({@code Authorization: Bearer <key>} or {@code X-API-Key}); puts the hub id on the request. */
public class ApiKeyFilter {

    public static final String HUB_PROPERTY = "token-service.hub";
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ApiKeyRequired
    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        Optional<String> hub = presentedKey(request).flatMap(keys::hubOf);
        if (hub.isEmpty()) {
            return Optional.of(Problem.of("unauthorized", "Missing or invalid API key", 401,
                    "Present a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key'.", request.getUriInfo().getPath()).toResponse());
        }
        request.setProperty(HUB_PROPERTY, hub.get());
        return Optional.empty();
    }

    private static Optional<String> presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip()).filter(k -> !k.isEmpty());
        }
        return Optional.ofNullable(request.getHeaderString("X-API-Key")).map(String::strip).filter(k -> !k.isEmpty());
    }
}

package com.bsp.onboarding.link.auth;

import com.bsp.onboarding.link.hub.Hub;
import com.bsp.onboarding.link.hub.HubRegistry;
import com.bsp.onboarding.link.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates partner platforms by API key ({@code Authorization: Bearer <key>} or {@code X-API-Key}).
 * Only SHA-256 hashes of keys are configured. The lookup is by hash: timing reveals nothing about a
 * stored key because a caller cannot choose the hash of what it sends. The key itself is never logged.
 */
public class ApiKeyFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final HubRegistry hubs;
    private final CallerHub callerHub;
    private final MeterRegistry meters;

    public ApiKeyFilter(HubRegistry hubs, CallerHub callerHub, MeterRegistry meters) {
        this.hubs = hubs;
        this.callerHub = callerHub;
        this.meters = meters;
    }

    @ApiKeyRequired
    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        Optional<Hub> hub = presentedKey(request).map(ApiKeyFilter::sha256Hex).flatMap(hubs::byApiKeyHash);
        if (hub.isEmpty()) {
            meters.counter("link_api_auth_failures_total").increment();
            return Optional.of(Problem.unauthorized("Present a valid API key as 'Authorization: Bearer <key>' or '"
                    + API_KEY_HEADER + "'.", request.getUriInfo().getPath()));
        }
        callerHub.set(hub.get());
        return Optional.empty();
    }

    private static Optional<String> presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip()).filter(k -> !k.isEmpty());
        }
        return Optional.ofNullable(request.getHeaderString(API_KEY_HEADER)).map(String::strip).filter(k -> !k.isEmpty());
    }

    static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package com.bsp.onboarding.http.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import java.util.Set;

/**
 * Partner backends authenticate with an API key, as {@code Authorization: Bearer <key>} or {@code X-API-Key}.
 * A request without one stays anonymous (and is refused by {@code @Authenticated} endpoints); a key is
 * checked by {@link ApiKeyIdentityProvider}. Inert in a service without a {@link HubApiKeys} or {@link OpsApiKeys} bean.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final boolean enabled;

    public ApiKeyAuthenticationMechanism(Instance<HubApiKeys> keys, Instance<OpsApiKeys> opsKeys) {
        this.enabled = keys.isResolvable() || opsKeys.isResolvable();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Optional<String> key = enabled ? presentedKey(context) : Optional.empty();
        if (key.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyAuthenticationRequest(key.get()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaderNames.WWW_AUTHENTICATE, "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    /** An empty or blank key counts as presented: it is refused, not treated as anonymous. */
    private static Optional<String> presentedKey(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.strip().equalsIgnoreCase(BEARER.strip())) {
            return Optional.of("");
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip());
        }
        return Optional.ofNullable(context.request().getHeader(API_KEY_HEADER)).map(String::strip);
    }
}

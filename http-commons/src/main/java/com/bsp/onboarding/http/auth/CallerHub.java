package com.bsp.onboarding.http.auth;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hub of the current request's API key, for endpoints marked {@code @Authenticated}. Read from the
 * deferred identity, which the security check has already resolved: nothing blocks the event loop.
 */
@ApplicationScoped
public class CallerHub {

    private final CurrentIdentityAssociation identity;

    public CallerHub(CurrentIdentityAssociation identity) {
        this.identity = identity;
    }

    public Uni<String> id() {
        return identity.getDeferredIdentity().map(caller -> {
            String hub = caller.getAttribute(ApiKeyIdentityProvider.HUB_ATTRIBUTE);
            if (hub == null) {
                throw new UnauthorizedException();
            }
            return hub;
        });
    }
}

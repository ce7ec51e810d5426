package com.bsp.onboarding.http.auth;

import com.bsp.onboarding.http.problem.Problem;
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
        return caller().map(Caller::hubId);
    }

    /**
     * The hub, the fingerprint of the key it presented and whether that key carries the credentials permission
     * (role {@value ApiKeyIdentityProvider#CREDENTIALS_ROLE}): what a credential hand-off checks and audits.
     */
    public Uni<Caller> caller() {
        return identity.getDeferredIdentity().map(caller -> {
            String hub = caller.getAttribute(ApiKeyIdentityProvider.HUB_ATTRIBUTE);
            if (hub == null) {
                throw new UnauthorizedException();
            }
            return new Caller(hub, caller.getAttribute(ApiKeyIdentityProvider.KEY_FINGERPRINT_ATTRIBUTE),
                    caller.hasRole(ApiKeyIdentityProvider.CREDENTIALS_ROLE));
        });
    }

    /** A hub's authenticated caller; never the key itself. */
    public record Caller(String hubId, String keyFingerprint, boolean mayReadCredentials) {

        /** The answer to a credential read with an ordinary key: the same 403 as any other key that may not do something. */
        public static Problem noCredentialsPermission() {
            return Problem.forbidden("This API key may not read credentials: use one of the hub's credentials keys.");
        }
    }
}

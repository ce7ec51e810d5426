package com.bsp.onboarding.http.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * Turns an API key into the identity of its hub: principal name and attribute {@value #HUB_ATTRIBUTE} are
 * the hub id, role {@value #HUB_ROLE}. The lookup is by hash, in memory (no blocking on the event loop), and
 * timing reveals nothing about a stored key because a caller cannot choose the hash of what it sends.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String HUB_ATTRIBUTE = "hub";
    public static final String HUB_ROLE = "hub";

    private final Instance<HubApiKeys> keys;

    public ApiKeyIdentityProvider(Instance<HubApiKeys> keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        Optional<String> hub = request.key().isEmpty() || !keys.isResolvable() ? Optional.empty()
                : keys.get().hubOf(Sha256.hex(request.key()));
        if (hub.isEmpty()) {
            // No message: nothing about the key goes anywhere.
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(hub.get()))
                .addRole(HUB_ROLE)
                .addAttribute(HUB_ATTRIBUTE, hub.get())
                .build());
    }
}

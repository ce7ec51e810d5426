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
 * the hub id, role {@value #HUB_ROLE}; an ops key ({@link OpsApiKeys}) gets role {@value #OPS_ROLE} and no hub. The lookup is by hash, in memory (no blocking on the event loop), and
 * timing reveals nothing about a stored key because a caller cannot choose the hash of what it sends.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String HUB_ATTRIBUTE = "hub";
    public static final String HUB_ROLE = "hub";
    /** The role of an ops key ({@link OpsApiKeys}): ops endpoints are {@code @RolesAllowed(OPS_ROLE)}. */
    public static final String OPS_ROLE = "ops";

    private final Instance<HubApiKeys> keys;
    private final Instance<OpsApiKeys> opsKeys;

    public ApiKeyIdentityProvider(Instance<HubApiKeys> keys, Instance<OpsApiKeys> opsKeys) {
        this.keys = keys;
        this.opsKeys = opsKeys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        String hash = request.key().isEmpty() ? null : Sha256.hex(request.key());
        if (hash != null && opsKeys.isResolvable() && opsKeys.get().recognises(hash)) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(OPS_ROLE))
                    .addRole(OPS_ROLE)
                    .build());
        }
        Optional<String> hub = hash == null || !keys.isResolvable() ? Optional.empty() : keys.get().hubOf(hash);
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

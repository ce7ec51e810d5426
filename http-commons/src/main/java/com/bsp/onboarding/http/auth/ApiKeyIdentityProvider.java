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
 * the hub id, role {@value #HUB_ROLE} (and {@value #CREDENTIALS_ROLE} for a credentials key), attribute
 * {@value #KEY_FINGERPRINT_ATTRIBUTE} the key's fingerprint; an ops key ({@link OpsApiKeys}) gets role {@value #OPS_ROLE} and no hub. The lookup is by hash, in memory (no blocking on the event loop), and
 * timing reveals nothing about a stored key because a caller cannot choose the hash of what it sends.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String HUB_ATTRIBUTE = "hub";
    public static final String HUB_ROLE = "hub";
    /** The role of an ops key ({@link OpsApiKeys}): ops endpoints are {@code @RolesAllowed(OPS_ROLE)}. */
    public static final String OPS_ROLE = "ops";
    /**
     * The extra role of a hub's credentials key ({@link HubApiKeys#mayReadCredentials}), beside {@value #HUB_ROLE}:
     * endpoints handing out credentials need it.
     */
    public static final String CREDENTIALS_ROLE = "credentials";
    /**
     * The first 8 hex digits of the presented key's SHA-256: enough to tell a hub's keys apart in an audit record,
     * nothing to recover the key with.
     */
    public static final String KEY_FINGERPRINT_ATTRIBUTE = "api-key-fingerprint";

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
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(hub.get()))
                .addRole(HUB_ROLE)
                .addAttribute(HUB_ATTRIBUTE, hub.get())
                .addAttribute(KEY_FINGERPRINT_ATTRIBUTE, fingerprint(hash));
        if (keys.get().mayReadCredentials(hash)) {
            identity.addRole(CREDENTIALS_ROLE);
        }
        return Uni.createFrom().item(identity.build());
    }

    /** The audit fingerprint of a key hash: its first 8 hex digits. */
    public static String fingerprint(String apiKeySha256) {
        return apiKeySha256.substring(0, 8);
    }
}

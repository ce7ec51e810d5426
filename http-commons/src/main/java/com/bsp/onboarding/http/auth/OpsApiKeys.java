package com.bsp.onboarding.http.auth;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys of the ops API (operators and their tools, not partner hubs), recognised by their SHA-256 (see
 * {@link Sha256}). A key recognised here authenticates with role {@value ApiKeyIdentityProvider#OPS_ROLE} and no
 * hub. A service with ops endpoints provides one bean of this, e.g. from {@link #of(List)}.
 */
public interface OpsApiKeys {

    /** @param apiKeySha256 lowercase hex SHA-256 of the presented key */
    boolean recognises(String apiKeySha256);

    /** Keys from configured hashes (several during a rotation), checked at once like a hub's. */
    static OpsApiKeys of(List<String> hashes) {
        Set<String> known = ApiKeyHashes.hubByHash(java.util.Map.of("ops", hashes)).keySet().stream()
                .collect(Collectors.toUnmodifiableSet());
        return known::contains;
    }
}

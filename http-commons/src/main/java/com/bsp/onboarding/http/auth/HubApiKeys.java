package com.bsp.onboarding.http.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service's API keys: which hub a key belongs to, looked up by the key's SHA-256 (see {@link Sha256}),
 * since only hashes are configured. A service with partner-facing endpoints provides one bean of this;
 * without it, API-key authentication stays off.
 *
 * <p>A hub may also have credentials keys ({@code credentials-api-key-sha256}): keys of their own, distinct from its
 * ordinary ones, that authenticate as the hub with the extra role {@value ApiKeyIdentityProvider#CREDENTIALS_ROLE}.
 * Only they may fetch a channel API key or a business token, so a leaked ordinary key hands out no credential.
 */
public interface HubApiKeys {

    /** @param apiKeySha256 lowercase hex SHA-256 of the presented key */
    Optional<String> hubOf(String apiKeySha256);

    /**
     * Whether the key (one {@link #hubOf} recognises) carries the credentials permission. None does unless the service
     * says so.
     *
     * @param apiKeySha256 lowercase hex SHA-256 of the presented key
     */
    default boolean mayReadCredentials(String apiKeySha256) {
        return false;
    }

    /**
     * Keys from configured hashes, per hub: ordinary keys and credentials keys (several of each during a rotation).
     * A hash configured twice (for two hubs, or as both kinds) stops the service at start-up.
     */
    static HubApiKeys of(Map<String, List<String>> ordinaryByHub, Map<String, List<String>> credentialsByHub) {
        Map<String, String> ordinary = ApiKeyHashes.hubByHash(ordinaryByHub);
        Map<String, String> credentials = ApiKeyHashes.hubByHash(credentialsByHub);
        Set<String> both = new HashSet<>(ordinary.keySet());
        both.retainAll(credentials.keySet());
        if (!both.isEmpty()) {
            throw new IllegalStateException("An API key hash is configured both as an ordinary and as a credentials key of hub "
                    + ordinary.get(both.iterator().next()));
        }
        return new HubApiKeys() {
            @Override
            public Optional<String> hubOf(String apiKeySha256) {
                return Optional.ofNullable(ordinary.get(apiKeySha256)).or(() -> Optional.ofNullable(credentials.get(apiKeySha256)));
            }

            @Override
            public boolean mayReadCredentials(String apiKeySha256) {
                return credentials.containsKey(apiKeySha256);
            }
        };
    }
}

package com.bsp.onboarding.http.auth;

import java.util.Optional;

/**
 * A service's API keys: which hub a key belongs to, looked up by the key's SHA-256 (see {@link Sha256}),
 * since only hashes are configured. A service with partner-facing endpoints provides one bean of this;
 * without it, API-key authentication stays off.
 */
public interface HubApiKeys {

    /** @param apiKeySha256 lowercase hex SHA-256 of the presented key */
    Optional<String> hubOf(String apiKeySha256);
}

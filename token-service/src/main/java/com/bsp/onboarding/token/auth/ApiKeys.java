package com.bsp.onboarding.token.auth;

import com.bsp.onboarding.token.Sha256;
import com.bsp.onboarding.token.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * API keys of partner backends, configured as SHA-256 hashes only. The lookup is by hash: timing says
 * nothing about a stored key because a caller cannot choose the hash of what it sends.
 */
@ApplicationScoped
public class ApiKeys {

    private final Map<String, String> hubByKeyHash;

    public ApiKeys(TokenServiceConfig config) {
        this.hubByKeyHash = config.hubs().entrySet().stream()
                .flatMap(hub -> hub.getValue().apiKeySha256().stream().map(hash -> Map.entry(normalise(hub.getKey(), hash), hub.getKey())))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The hub id the key belongs to. */
    public Optional<String> hubOf(String presentedKey) {
        return Optional.ofNullable(hubByKeyHash.get(Sha256.hex(presentedKey)));
    }

    private static String normalise(String hub, String hash) {
        String value = hash.strip().toLowerCase(Locale.ROOT);
        if (!value.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("Hub " + hub + ": api-key-sha256 entries must be 64 hex digits");
        }
        return value;
    }
}

package com.bsp.onboarding.http.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The configured key hashes of every hub (several per hub during a rotation), checked once at start-up so
 * a misconfigured hub stops the service, not a request.
 */
public final class ApiKeyHashes {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ApiKeyHashes() {
    }

    /** @return hub id by key hash; one hash configured for two hubs is refused */
    public static Map<String, String> hubByHash(Map<String, List<String>> hashesByHub) {
        return hashesByHub.entrySet().stream()
                .flatMap(hub -> hub.getValue().stream().map(hash -> Map.entry(normalise(hub.getKey(), hash), hub.getKey())))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> {
                    throw new IllegalStateException("One API key hash is configured for hubs " + a + " and " + b);
                }));
    }

    private static String normalise(String hub, String hash) {
        String value = hash.strip().toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalStateException("Hub " + hub + ": api-key-sha256 entries must be 64 hex digits");
        }
        return value;
    }
}

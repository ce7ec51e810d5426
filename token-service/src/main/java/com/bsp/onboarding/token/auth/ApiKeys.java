package com.bsp.onboarding.token.auth;

import com.bsp.onboarding.http.auth.ApiKeyHashes;
import com.bsp.onboarding.http.auth.HubApiKeys;
import com.bsp.onboarding.token.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** API keys of partner backends, configured as SHA-256 hashes only ({@code token.hubs.<hub>.api-key-sha256}). */
@ApplicationScoped
public class ApiKeys implements HubApiKeys {

    private final Map<String, String> hubByKeyHash;

    public ApiKeys(TokenServiceConfig config) {
        this.hubByKeyHash = ApiKeyHashes.hubByHash(config.hubs().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, hub -> hub.getValue().apiKeySha256())));
    }

    @Override
    public Optional<String> hubOf(String apiKeySha256) {
        return Optional.ofNullable(hubByKeyHash.get(apiKeySha256));
    }
}

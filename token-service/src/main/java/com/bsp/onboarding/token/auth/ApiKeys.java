package com.bsp.onboarding.token.auth;

import com.bsp.onboarding.http.auth.HubApiKeys;
import com.bsp.onboarding.token.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * API keys of partner backends, configured as SHA-256 hashes only: {@code token.hubs.<hub>.api-key-sha256} (ordinary keys)
 * and {@code .credentials-api-key-sha256} (keys that may also read a business token).
 */
public class ApiKeys {

    @Produces
    @ApplicationScoped
    HubApiKeys hubApiKeys(TokenServiceConfig config) {
        return HubApiKeys.of(config.hubs().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, hub -> hub.getValue().apiKeySha256())),
                config.hubs().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        hub -> hub.getValue().credentialsApiKeySha256().orElse(List.<String>of()))));
    }
}

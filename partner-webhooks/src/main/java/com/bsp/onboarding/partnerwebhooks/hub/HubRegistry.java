package com.bsp.onboarding.partnerwebhooks.hub;

import com.bsp.onboarding.http.auth.ApiKeyHashes;
import com.bsp.onboarding.http.auth.HubApiKeys;
import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The hubs' API keys for this service, by hash: a key authenticates as the hub it belongs to. */
@ApplicationScoped
public class HubRegistry implements HubApiKeys {

    private final Map<String, String> hubIdByApiKeyHash;

    public HubRegistry(PartnerWebhooksConfig config) {
        this.hubIdByApiKeyHash = ApiKeyHashes.hubByHash(config.hubs().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().apiKeySha256())));
    }

    @Override
    public Optional<String> hubOf(String apiKeySha256) {
        return Optional.ofNullable(hubIdByApiKeyHash.get(apiKeySha256));
    }
}

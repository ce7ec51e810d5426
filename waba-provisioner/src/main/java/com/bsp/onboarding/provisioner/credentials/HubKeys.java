package com.bsp.onboarding.provisioner.credentials;

import com.bsp.onboarding.http.auth.HubApiKeys;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The hubs' API keys ({@code provisioner.hubs.<hub>.api-key-sha256} and {@code .credentials-api-key-sha256}): a key
 * authenticates as the hub by its name here, the hub id of the channels this service keeps, not its 360Dialog partner id.
 */
public class HubKeys {

    @Produces
    @ApplicationScoped
    HubApiKeys hubApiKeys(ProvisionerConfig config) {
        return HubApiKeys.of(byHub(config, ProvisionerConfig.Hub::apiKeySha256),
                byHub(config, ProvisionerConfig.Hub::credentialsApiKeySha256));
    }

    private static Map<String, List<String>> byHub(ProvisionerConfig config, Function<ProvisionerConfig.Hub, Optional<List<String>>> keys) {
        return config.hubs().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, hub -> keys.apply(hub.getValue()).orElse(List.of())));
    }
}

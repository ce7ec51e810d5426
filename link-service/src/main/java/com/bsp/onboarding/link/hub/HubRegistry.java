package com.bsp.onboarding.link.hub;

import com.bsp.onboarding.http.auth.ApiKeyHashes;
import com.bsp.onboarding.http.auth.HubApiKeys;
import com.bsp.onboarding.link.LinkServiceConfig;
import com.bsp.onboarding.link.LinkServiceConfig.HubConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The configured hubs, checked once at start-up so a misconfigured hub stops the service, not a request. */
@ApplicationScoped
public class HubRegistry implements HubApiKeys {

    private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, Hub> hubsById;
    private final Map<String, String> hubIdByApiKeyHash;

    public HubRegistry(LinkServiceConfig config) {
        this.hubsById = config.hubs().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> toHub(e.getKey(), e.getValue())));
        this.hubIdByApiKeyHash = ApiKeyHashes.hubByHash(config.hubs().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().apiKeySha256())));
    }

    public Optional<Hub> byId(String hubId) {
        return Optional.ofNullable(hubsById.get(hubId));
    }

    @Override
    public Optional<String> hubOf(String apiKeySha256) {
        return Optional.ofNullable(hubIdByApiKeyHash.get(apiKeySha256));
    }

    /** Picks up rotated platform secrets from their files; a worker thread, so the file read may block. */
    @Scheduled(every = "${link.secret-refresh-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshSecrets() {
        hubsById.values().forEach(hub -> hub.platformSecret().refresh());
    }

    private static Hub toHub(String id, HubConfig config) {
        if (!PARTNER_ID.matcher(config.partnerId()).matches()) {
            throw new IllegalStateException("Hub " + id + ": partner-id must be 1-64 letters, digits, '-' or '_'");
        }
        PlatformSecret secret;
        if (config.platformSecretFile().isPresent()) {
            secret = PlatformSecret.fromFile(id, Path.of(config.platformSecretFile().get()));
        } else {
            secret = PlatformSecret.fixed(id, config.platformSecret().orElseThrow(() -> new IllegalStateException(
                    "Hub " + id + ": set platform-secret or platform-secret-file")));
        }
        return new Hub(id, config.partnerId(), config.paymentMode(), config.signupBaseUrl(),
                config.permissionBaseUrl(), config.allowedRedirectHosts().orElse(List.of()),
                config.basicPlanAllowed(), config.signatureEncoding(), secret);
    }
}

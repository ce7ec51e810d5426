package com.bsp.onboarding.link.hub;

import com.bsp.onboarding.link.LinkServiceConfig;
import com.bsp.onboarding.link.LinkServiceConfig.HubConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The configured hubs, checked once at start-up so a misconfigured hub stops the service, not a request. */
@ApplicationScoped
public class HubRegistry {

    private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Map<String, Hub> hubsById;
    private final Map<String, Hub> hubsByApiKeyHash;

    public HubRegistry(LinkServiceConfig config) {
        this.hubsById = config.hubs().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> toHub(e.getKey(), e.getValue())));
        this.hubsByApiKeyHash = config.hubs().entrySet().stream()
                .flatMap(e -> e.getValue().apiKeySha256().stream()
                        .map(hash -> Map.entry(normaliseHash(e.getKey(), hash), hubsById.get(e.getKey()))))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> {
                    throw new IllegalStateException("One API key hash is configured for hubs " + a.id() + " and " + b.id());
                }));
    }

    public Optional<Hub> byId(String hubId) {
        return Optional.ofNullable(hubsById.get(hubId));
    }

    /** @param apiKeySha256 lowercase hex SHA-256 of the presented key */
    public Optional<Hub> byApiKeyHash(String apiKeySha256) {
        return Optional.ofNullable(hubsByApiKeyHash.get(apiKeySha256));
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

    private static String normaliseHash(String hubId, String hash) {
        String normalised = hash.strip().toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(normalised).matches()) {
            throw new IllegalStateException("Hub " + hubId + ": api-key-sha256 entries must be 64 hex digits");
        }
        return HexFormat.of().formatHex(HexFormat.of().parseHex(normalised));
    }
}

package com.bsp.onboarding.provisioner.runner;

import com.bsp.onboarding.provisioner.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: after attempt n, wait a random time up to initial x 2^(n-1),
 * capped. Jitter spreads WABAs that were throttled together, so they do not come back together.
 */
@ApplicationScoped
public class Backoff {

    private final ProvisionerConfig.Retry config;

    public Backoff(ProvisionerConfig config) {
        this.config = config.retry();
    }

    public Duration after(int attempt) {
        long ceiling = Math.min(config.maxBackoff().toMillis(),
                config.initialBackoff().toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
        // Half fixed, half random: never (almost) zero, never more than the ceiling.
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    public boolean exhausted(int attempts) {
        return attempts >= config.maxAttempts();
    }
}

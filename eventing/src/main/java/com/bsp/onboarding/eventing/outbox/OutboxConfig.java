package com.bsp.onboarding.eventing.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of a service's outbox relay (OUTBOX_... in the environment). */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** Fallback poll when no commit woke the relay (another replica's events, recovery after an outage). */
    @WithDefault("1s")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();

    /** How long one batch may wait for Kafka's acknowledgements before the relay gives up and retries. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Longest wait after a failed relay before trying Kafka again. */
    @WithDefault("5s")
    Duration maxBackoff();
}

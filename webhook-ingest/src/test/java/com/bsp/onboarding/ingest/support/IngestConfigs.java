package com.bsp.onboarding.ingest.support;

import com.bsp.onboarding.ingest.IngestConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** webhook-ingest's configuration mapping as SmallRye builds it from environment variables alone. */
public final class IngestConfigs {

    private IngestConfigs() {
    }

    public static IngestConfig fromEnvironment(Map<String, String> variables) {
        return new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                // Quarkus's Duration syntax (2s), which plain SmallRye does not read
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(variables, 300))
                .build()
                .getConfigMapping(IngestConfig.class);
    }
}

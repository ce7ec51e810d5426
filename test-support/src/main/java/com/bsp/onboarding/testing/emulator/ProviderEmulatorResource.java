package com.bsp.onboarding.testing.emulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link ProviderEmulator} for a {@code @QuarkusTest} application and publishes its address as
 * {@value #URL_PROPERTY}, which the application's test profile points its Graph and 360Dialog base
 * URLs at. Tests reach it through {@link EmulatorAdmin} with the same property.
 */
public class ProviderEmulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "provider-emulator.url";

    private ProviderEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = ProviderEmulator.start(0);
        return Map.of(URL_PROPERTY, emulator.baseUrl());
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}

package com.bsp.onboarding.testing.emulator;

import com.bsp.onboarding.emulator.ProviderEmulator;
import com.bsp.onboarding.emulator.ProviderSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link ProviderEmulator} for a {@code @QuarkusTest} application and publishes its address as
 * {@value #URL_PROPERTY}, which the application's test profile points its Graph and 360Dialog base
 * URLs at. Tests reach it through {@code EmulatorAdmin} with the same property.
 *
 * <p>The emulated Meta app is {@link ProviderSettings#defaults()} unless init args name the
 * application's own test credentials, so that the emulator checks them as Meta would:
 * <pre>
 * &#64;QuarkusTestResource(value = ProviderEmulatorResource.class, initArgs = {
 *     &#64;ResourceArg(name = ProviderEmulatorResource.APP_ID, value = "app-id-for-tests"),
 *     &#64;ResourceArg(name = ProviderEmulatorResource.APP_SECRET, value = "app-secret-for-tests"),
 *     &#64;ResourceArg(name = ProviderEmulatorResource.SYSTEM_USER_TOKEN, value = "system-user-token-for-tests") })
 * </pre>
 */
public class ProviderEmulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "provider-emulator.url";
    /** Init arg: the Meta app whose codes are exchanged ({@code client_id}). */
    public static final String APP_ID = "app-id";
    /** Init arg: the {@code client_secret} a code exchange must carry. */
    public static final String APP_SECRET = "app-secret";
    /** Init arg: the only bearer token debug_token accepts (any when absent). */
    public static final String SYSTEM_USER_TOKEN = "system-user-token";

    private ProviderSettings settings = ProviderSettings.defaults();
    private ProviderEmulator emulator;

    @Override
    public void init(Map<String, String> initArgs) {
        ProviderSettings defaults = ProviderSettings.defaults();
        settings = new ProviderSettings(initArgs.getOrDefault(APP_ID, defaults.appId()),
                initArgs.getOrDefault(APP_SECRET, defaults.appSecret()),
                initArgs.getOrDefault(SYSTEM_USER_TOKEN, defaults.systemUserToken()), defaults.creditLineId(), defaults.codeTtl());
    }

    @Override
    public Map<String, String> start() {
        emulator = ProviderEmulator.start(0, settings);
        return Map.of(URL_PROPERTY, emulator.baseUrl());
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}

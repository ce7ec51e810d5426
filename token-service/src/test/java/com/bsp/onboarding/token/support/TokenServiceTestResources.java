package com.bsp.onboarding.token.support;

import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.bsp.onboarding.testing.kafka.KafkaBrokerResource;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka and PostgreSQL; Graph is the provider emulator, with the app credentials of the test profile. */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = TestDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = TokenServiceTestResources.DATABASE))
@QuarkusTestResource(value = ProviderEmulatorResource.class, initArgs = {
        @ResourceArg(name = ProviderEmulatorResource.APP_ID, value = "app-id-for-tests"),
        @ResourceArg(name = ProviderEmulatorResource.APP_SECRET, value = "app-secret-for-tests"),
        @ResourceArg(name = ProviderEmulatorResource.SYSTEM_USER_TOKEN, value = "system-user-token-for-tests") })
public final class TokenServiceTestResources {

    public static final String DATABASE = "token_service_test";
    public static final String ALPHA_KEY = "token-alpha-key";
    public static final String BETA_KEY = "token-beta-key";
    /** The hub with a Meta app of its own: gamma-app, secret gamma-app-secret, System User token gamma-system-user-token. */
    public static final String GAMMA_KEY = "token-gamma-key";

    private TokenServiceTestResources() {
    }
}

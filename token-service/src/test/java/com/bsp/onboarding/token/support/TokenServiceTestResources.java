package com.bsp.onboarding.token.support;

import com.bsp.onboarding.testing.kafka.KafkaBrokerResource;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka and PostgreSQL; Graph emulated by WireMock. */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = TestDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = TokenServiceTestResources.DATABASE))
@QuarkusTestResource(GraphWireMockResource.class)
public final class TokenServiceTestResources {

    public static final String DATABASE = "token_service_test";
    public static final String ALPHA_KEY = "token-alpha-key";
    public static final String BETA_KEY = "token-beta-key";

    private TokenServiceTestResources() {
    }
}

package com.bsp.onboarding.link.support;

import com.bsp.onboarding.testing.kafka.KafkaBrokerResource;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real infrastructure every test of this module runs against: the shared embedded KRaft broker
 * (the outbox publishes to it; the onboarding progress consumers read from it), a fresh
 * {@value #DATABASE} database on the local PostgreSQL, and the beta hub's secret file.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = TestDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = LinkServiceTestResources.DATABASE))
@QuarkusTestResource(PlatformSecretFileResource.class)
public final class LinkServiceTestResources {

    public static final String DATABASE = "link_service_test";

    private LinkServiceTestResources() {
    }
}

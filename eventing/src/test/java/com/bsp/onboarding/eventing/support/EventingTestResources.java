package com.bsp.onboarding.eventing.support;

import com.bsp.onboarding.testing.kafka.KafkaBrokerResource;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka (the in-process broker) and a PostgreSQL database migrated with this module's migrations. */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = TestDatabaseResource.class, initArgs = @ResourceArg(name = TestDatabaseResource.DATABASE,
        value = EventingTestResources.DATABASE))
public final class EventingTestResources {

    public static final String DATABASE = "eventing_test";

    private EventingTestResources() {
    }

    public static long count(String sql, Object... params) {
        return ((Number) TestDatabaseResource.query(DATABASE, sql, params).get(0).get("n")).longValue();
    }
}

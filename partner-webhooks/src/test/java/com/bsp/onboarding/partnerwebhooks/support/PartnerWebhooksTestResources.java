package com.bsp.onboarding.partnerwebhooks.support;

import com.bsp.onboarding.testing.kafka.KafkaBrokerResource;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real infrastructure every test of this module runs against: the shared embedded KRaft broker and a
 * fresh {@value #DATABASE} database on the local PostgreSQL.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = TestDatabaseResource.class, initArgs = @ResourceArg(name = "database", value = PartnerWebhooksTestResources.DATABASE))
public final class PartnerWebhooksTestResources {

    public static final String DATABASE = "partner_webhooks_test";

    private PartnerWebhooksTestResources() {
    }
}

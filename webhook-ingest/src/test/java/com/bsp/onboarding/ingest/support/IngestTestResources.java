package com.bsp.onboarding.ingest.support;

import com.bsp.onboarding.testing.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs against the shared embedded KRaft broker. */
@QuarkusTestResource(KafkaBrokerResource.class)
public final class IngestTestResources {

    private IngestTestResources() {
    }
}

package com.bsp.onboarding.provisioner.support;

import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.bsp.onboarding.testing.kafka.KafkaBrokerResource;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka and PostgreSQL; Graph and 360Dialog emulated with state and call counts. */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = TestDatabaseResource.class,
        initArgs = @ResourceArg(name = "database", value = ProvisionerTestResources.DATABASE))
@QuarkusTestResource(ProviderEmulatorResource.class)
public final class ProvisionerTestResources {

    public static final String DATABASE = "waba_provisioner_test";
    /** The transport key of the test profile: what token-service seals signup tokens with. */
    public static final String TRANSPORT_KEY_ID = "t1";
    public static final String TRANSPORT_KEY = "dHJhbnNwb3J0LWtleS1mb3ItdGVzdHMtMzJieXRlcyE=";
    /** The sharing hub's own business-token ring. */
    public static final String SHARING_TRANSPORT_KEY_ID = "h1";
    public static final String SHARING_TRANSPORT_KEY = "c2hhcmluZy1odWItdHJhbnNwb3J0LWtleS0zMmJ5dGU=";
    /** The channel-key ring: what the partner platform opens channel keys with. */
    public static final String CHANNEL_KEY_TRANSPORT_KEY_ID = "c1";
    public static final String CHANNEL_KEY_TRANSPORT_KEY = "Y2hhbm5lbC1rZXktdHJhbnNwb3J0LWZvci10ZXN0cyE=";

    private ProvisionerTestResources() {
    }
}

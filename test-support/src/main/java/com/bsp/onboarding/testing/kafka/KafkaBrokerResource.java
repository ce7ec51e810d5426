package com.bsp.onboarding.testing.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared embedded broker
 * ({@link EmbeddedKafkaBroker#shared()}) instead of a Dev Services container.
 *
 * <pre>
 * &#64;QuarkusTestResource(KafkaBrokerResource.class)
 * </pre>
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String DEVSERVICES_ENABLED = "quarkus.kafka.devservices.enabled";

    @Override
    public Map<String, String> start() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        // A previous test may have left the broker stopped to simulate an outage.
        broker.start();
        return Map.of(
                BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                DEVSERVICES_ENABLED, "false");
    }

    /**
     * Leaves the broker running: other applications in this JVM reuse it, and the JVM shutdown hook
     * stops it. Safe whatever state a test left it in.
     */
    @Override
    public void stop() {
    }
}

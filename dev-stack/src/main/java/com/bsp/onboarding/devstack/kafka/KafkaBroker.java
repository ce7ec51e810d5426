package com.bsp.onboarding.devstack.kafka;

/**
 * A single-node Kafka broker this JVM runs, in JDK types only, so that a broker started by one class
 * loader can be driven through JMX from another (the tests' shared broker does that).
 */
public interface KafkaBroker {

    /** {@code 127.0.0.1:port}; known before the first start and unchanged by restarts. */
    String getBootstrapServers();

    int getPort();

    String getLogDir();

    boolean isRunning();

    /** Starts the broker and returns when it accepts clients; does nothing if it is running. */
    void start();

    /** Shuts the broker down cleanly and closes its ports; does nothing if it is stopped. */
    void stop();
}

package com.bsp.onboarding.contracts;

/**
 * Kafka topic names shared by producers and consumers. One topic per event stream; every topic here
 * is described in {@code asyncapi.yaml} (a contract test keeps the two in step).
 */
public final class Topics {

    /** Integrated Onboarding links: {@code link issued}, {@code onboarding completed}. Produced by link-service. */
    public static final String IO_LINK_EVENTS = "io-links.events.v1";

    private Topics() {
    }
}

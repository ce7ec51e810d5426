package com.bsp.onboarding.ingest.typed;

/** A derived event ready for Kafka: a structured-mode CloudEvent. */
public record TypedEvent(String topic, String key, String id, byte[] cloudEventJson) {
}

package com.bsp.onboarding.link.support;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.testing.kafka.TopicWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes records to the real test broker as webhook-ingest and waba-provisioner do: structured CloudEvents. */
public final class KafkaEvents {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private KafkaEvents() {
    }

    /** Sends {@code event} as the whole record value, keyed like its producer keys it, and waits for the ack. */
    public static void send(String topic, String key, CloudEvent<?> event) {
        try {
            send(topic, key, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends any value, for records that are not what the contract says. */
    public static void send(String topic, String key, String value) {
        TopicWriter.send(topic, key, value);
    }
}

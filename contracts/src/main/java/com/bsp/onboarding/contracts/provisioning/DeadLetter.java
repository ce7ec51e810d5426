package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#DEAD_LETTERED}: something waba-provisioner could not complete
 * and will not retry by itself: an input event it cannot act on (unreadable, unknown hub, a token that
 * does not open), or a WABA or channel whose provisioning failed for good. Keyed by the subject.
 *
 * @param subject the WABA id, channel id or, for an unreadable input, its Kafka key
 * @param sourceEvent the input event as received where one is concerned (tokens in it stay sealed)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        String subject,
        String reason,
        String step,
        ProvisioningError error,
        String sourceTopic,
        String sourceEventId,
        String sourceEventType,
        JsonNode sourceEvent,
        Instant deadLetteredAt) {
}

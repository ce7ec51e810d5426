package com.bsp.onboarding.contracts.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Data of a 360Dialog partner event. The envelope is only known from public client code, so the
 * whole body is kept in {@code payload} and the ids are read tolerantly.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dialog360WebhookEvent(
        String rawId,
        String partnerId,
        String event,
        String clientId,
        String channelId,
        JsonNode payload) {
}

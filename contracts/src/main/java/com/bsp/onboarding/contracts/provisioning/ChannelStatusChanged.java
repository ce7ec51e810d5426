package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#CHANNEL_STATUS_CHANGED}: 360Dialog reported {@code account_violation} or
 * {@code account_restriction}. Keyed by client (the channel when unknown); once per webhook.
 *
 * @param channelId null when 360Dialog named only the client
 * @param details the webhook's body, untouched
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelStatusChanged(
        String channelId,
        String clientId,
        String partnerId,
        String hubId,
        String event,
        JsonNode details,
        Instant changedAt) {
}

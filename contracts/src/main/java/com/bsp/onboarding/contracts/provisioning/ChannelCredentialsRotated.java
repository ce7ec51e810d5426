package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#CHANNEL_CREDENTIALS_ROTATED}: a channel got a new API key (360Dialog
 * revokes the old one when a new one is generated). Never the key itself: the hub fetches it with a key
 * that carries the credentials permission. Keyed by channel id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelCredentialsRotated(
        String channelId,
        String clientId,
        String partnerId,
        String hubId,
        Instant rotatedAt) {
}

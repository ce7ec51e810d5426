package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** Data of {@link ProvisioningEventTypes#CHANNEL_PROVISIONING_FAILED}. Keyed by client id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelProvisioningFailed(
        String channelId,
        String clientId,
        String partnerId,
        String hubId,
        String step,
        int attempts,
        ProvisioningError error,
        Instant failedAt) {
}

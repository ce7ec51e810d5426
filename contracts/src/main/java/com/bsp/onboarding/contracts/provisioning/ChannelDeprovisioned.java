package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#CHANNEL_DEPROVISIONED}: a channel revoked after it was provisioned had its
 * webhook removed and its API key discarded. 360Dialog has no call that revokes a channel key (only a new key
 * revokes the old one, and no key can be made for a channel the partner lost): whoever holds the key from
 * {@code channel-provisioned} must drop it too. Keyed by client (the channel when unknown).
 *
 * @param webhook {@code removed}, or {@code not_removable} when 360Dialog refused the key (it no longer works)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelDeprovisioned(
        String channelId,
        String clientId,
        String partnerId,
        String hubId,
        String webhook,
        Instant deprovisionedAt) {
}

package com.bsp.onboarding.contracts.provisioning;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#CHANNEL_PROVISIONED}: a 360Dialog channel has its API key and
 * its webhook points at webhook-ingest. Keyed by client id, like the link's events.
 *
 * @param apiKey the channel's D360-API-KEY, sealed under the hub's channel-key transport ring
 *     ({@link com.bsp.onboarding.contracts.crypto.KeyRing}, associated data {@code channel-key|<hub id>|<channel id>})
 *     for the partner platform's messaging service; it never travels in plain text
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelProvisioned(
        String channelId,
        String clientId,
        String partnerId,
        String hubId,
        String webhookUrl,
        EncryptedSecret apiKey,
        Instant provisionedAt) {
}

package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#CHANNEL_CLAIM_DECIDED}: what became of one channel a link's redirect claimed.
 * A claim is confirmed only when 360Dialog's signed webhooks say the channel belongs to the claimed client and the
 * client belongs to the link (it carries the link's {@code partner_payload}, or the link was issued for it). Keyed by
 * the claimed client id, like the link's events.
 *
 * @param claim {@link #GRANT} (the redirect's {@code channels}) or {@link #REVOKE} (its {@code revoked})
 * @param outcome {@link #CONFIRMED} or {@link #REFUSED}
 * @param reason why a claim was refused: {@code channel_of_another_client}, {@code client_not_of_link}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelClaimDecided(
        String linkId,
        String channelId,
        String clientId,
        String partnerId,
        String hubId,
        String claim,
        String outcome,
        String reason,
        Instant decidedAt) {

    public static final String GRANT = "grant";
    public static final String REVOKE = "revoke";
    public static final String CONFIRMED = "confirmed";
    public static final String REFUSED = "refused";
    public static final String CHANNEL_OF_ANOTHER_CLIENT = "channel_of_another_client";
    public static final String CLIENT_NOT_OF_LINK = "client_not_of_link";
}

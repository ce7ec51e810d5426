package com.bsp.onboarding.contracts.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * Data of {@link LinkEventTypes#ONBOARDING_COMPLETED}: 360Dialog redirected the customer back with the
 * client and the channels the partner may now manage. Keyed by {@code client_id}. The redirect travels through the
 * customer's browser unsigned (reference §3.5): its client and channel lists are the customer's <em>claim</em>, which
 * waba-provisioner confirms against 360Dialog's signed webhooks and the Partner API before it acts on a channel.
 *
 * @param clientId the redirect's {@code client} (claimed)
 * @param channels channel ids the client granted (the redirect's {@code channels=[...]}, claimed)
 * @param revokedChannels channel ids the client withdrew (the redirect's {@code revoked=[...]}, claimed)
 * @param partnerPayload the partner's own {@code partner} value of the link (kept by link-service, not sent to 360Dialog)
 * @param linkClientId the client the link was issued for (permission links, {@code connect_client_user}); null for a
 *     signup of a new client, whose client must carry the link's {@code partner_payload} at 360Dialog (its link id)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OnboardingCompleted(
        String linkId,
        String hubId,
        String partnerId,
        LinkKind kind,
        String clientId,
        List<String> channels,
        List<String> revokedChannels,
        String partnerPayload,
        Instant completedAt,
        String linkClientId) {
}

package com.bsp.onboarding.contracts.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * Data of {@link LinkEventTypes#ONBOARDING_COMPLETED}: 360Dialog redirected the customer back with the
 * client and the channels the partner may now manage. Keyed by {@code client_id}.
 *
 * @param channels channel ids the client granted (the redirect's {@code channels=[...]})
 * @param revokedChannels channel ids the client withdrew (the redirect's {@code revoked=[...]})
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
        Instant completedAt) {
}

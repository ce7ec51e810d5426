package com.bsp.onboarding.contracts.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link LinkEventTypes#LINK_ISSUED}. Carries no personal data of the customer (email, name,
 * number stay in link-service's database) and never the IO signature.
 *
 * @param clientId the existing 360Dialog client the link is for (permission links, connect_client_user), else null
 * @param partnerPayload the caller's free-text {@code partner} value, which 360Dialog stores on the client
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkIssued(
        String linkId,
        String hubId,
        String partnerId,
        LinkKind kind,
        String clientId,
        String partnerPayload,
        String planSelection,
        Instant issuedAt,
        Instant expiresAt) {
}

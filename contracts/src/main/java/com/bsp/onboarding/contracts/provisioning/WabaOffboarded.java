package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#WABA_OFFBOARDED}: the customer removed the partner
 * ({@code PARTNER_REMOVED}); the credit sharing was revoked where there was one. Keyed by WABA id.
 *
 * @param creditSharing {@code revoked} or {@code none}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WabaOffboarded(
        String wabaId,
        String hubId,
        String reason,
        String creditSharing,
        Instant offboardedAt) {
}

package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#WABA_PROVISIONED}: the partner's app is subscribed to the WABA,
 * the credit line is shared (Solution Partners), the number is registered. Keyed by WABA id.
 *
 * @param creditSharing {@code shared} or {@code skipped} (Tech Provider)
 * @param phoneRegistration {@code registered}, {@code already_registered} or {@code no_number}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WabaProvisioned(
        String wabaId,
        String hubId,
        String signupId,
        String businessId,
        String phoneNumberId,
        String creditSharing,
        String allocationConfigId,
        String phoneRegistration,
        String messageTemplateNamespace,
        Instant provisionedAt) {
}

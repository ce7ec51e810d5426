package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#WABA_PROVISIONING_FAILED}: a step failed for good (a permanent
 * Graph error, or transient ones past the retry budget). Ops can retry the WABA once the cause is fixed.
 * Keyed by WABA id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WabaProvisioningFailed(
        String wabaId,
        String hubId,
        String step,
        int attempts,
        ProvisioningError error,
        Instant failedAt) {
}

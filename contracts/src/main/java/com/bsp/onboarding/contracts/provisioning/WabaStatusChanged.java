package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#WABA_STATUS_CHANGED}: Meta reported {@code DISABLED_UPDATE},
 * {@code ACCOUNT_VIOLATION} or {@code ACCOUNT_RESTRICTION} for the WABA. Keyed by WABA id.
 *
 * @param details the webhook's {@code value}, untouched (ban state, violation type, restrictions, ...)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WabaStatusChanged(
        String wabaId,
        String event,
        JsonNode details,
        Instant changedAt) {
}

package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#WABA_LIFECYCLE_CHANGED}: an account_update event (or an ops call) changed
 * a WABA's lifecycle. Keyed by WABA id; published once per change (redeliveries and older events change nothing).
 *
 * @param event what caused it: PARTNER_ADDED, PARTNER_APP_INSTALLED, PARTNER_APP_UNINSTALLED, ACCOUNT_OFFBOARDED,
 *     ACCOUNT_RECONNECTED, ACCOUNT_DELETED, or OPS_PROVISION
 * @param status the WABA's status after it (awaiting_ops, provisioning, app_uninstalled, account_offboarded, ...)
 * @param tokenState {@code usable} or {@code unusable} (after PARTNER_APP_UNINSTALLED)
 * @param tokenSource {@code business} (the signup's token) or {@code system_user} (onboarded by webhook alone)
 * @param details the webhook's {@code value}, untouched; null for an ops call
 * @param changedAt the event's time (Meta's entry.time)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WabaLifecycleChanged(
        String wabaId,
        String hubId,
        String event,
        String status,
        String previousStatus,
        String tokenState,
        String tokenSource,
        JsonNode details,
        Instant changedAt) {
}

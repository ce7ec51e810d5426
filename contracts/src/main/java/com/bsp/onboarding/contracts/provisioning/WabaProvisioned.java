package com.bsp.onboarding.contracts.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link ProvisioningEventTypes#WABA_PROVISIONED}: the partner's app is subscribed to the WABA,
 * the credit line is shared (Solution Partners), the number is registered. Keyed by WABA id.
 *
 * @param phoneNumberId the signup's number, or the WABA's one number when the signup named none
 * @param creditSharing {@code shared} or {@code skipped} (Tech Provider)
 * @param phoneRegistration {@code registered}, {@code already_registered}, {@code no_number}, {@code several_numbers}
 *     (the signup named no number and the WABA has several: none was registered) or {@code coexistence} (the number
 *     stays on the WhatsApp Business app and is never registered)
 * @param coexistence true for a WhatsApp Business app number (coexistence); null from producers before it existed
 * @param customerReference the partner's own reference for the customer, when the signup carried one
 * @param dialog360ClientId on a hub that hands its Embedded Signups to 360Dialog (account sharing): the client the
 *     number was handed to; 360Dialog makes it a channel of that client, announced later by channel-provisioned. The
 *     credit line and the registration are then 360Dialog's ({@code by_360dialog})
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
        Instant provisionedAt,
        Boolean coexistence,
        String customerReference,
        String dialog360ClientId) {
}

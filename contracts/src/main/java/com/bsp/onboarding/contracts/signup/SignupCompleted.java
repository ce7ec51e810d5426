package com.bsp.onboarding.contracts.signup;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link SignupEventTypes#SIGNUP_COMPLETED}: a customer finished partner-hosted Embedded
 * Signup, its code was exchanged and the token was confirmed to manage {@code waba_id}. Keyed by WABA id.
 *
 * @param businessToken the Business Integration System User token, sealed under the hub's transport ring shared
 *     with waba-provisioner ({@link com.bsp.onboarding.contracts.crypto.KeyRing}, associated data
 *     {@code business-token|<hub id>|<signup id>}); it never travels in plain text
 * @param finishType the {@code WA_EMBEDDED_SIGNUP} event the browser reported (FINISH, FINISH_ONLY_WABA,
 *     FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING for a coexistence number, ...); a claim of the browser, like the ids
 * @param signupSessionId the hosted signup session that produced it, or null for {@code POST /v1/signups}
 * @param customerReference the partner's own reference for the customer, given when it opened the session
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupCompleted(
        String signupId,
        String hubId,
        String wabaId,
        String phoneNumberId,
        String businessId,
        String finishType,
        EncryptedSecret businessToken,
        Instant completedAt,
        String signupSessionId,
        String customerReference) {

    /** The finish type of a WhatsApp Business app number (coexistence): such a number is never registered. */
    public static final String COEXISTENCE_FINISH = "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING";

    public boolean coexistence() {
        return COEXISTENCE_FINISH.equals(finishType);
    }
}

package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import java.util.UUID;

/**
 * A WABA's row as the workflow needs it; secrets stay sealed until a step opens them.
 *
 * @param phoneNumberId from the signup, or read from the WABA's numbers when the signup had none
 * @param finishType how Embedded Signup finished ({@link SignupCompleted#COEXISTENCE_FINISH} for a coexistence number)
 * @param tokenSource {@link #BUSINESS_TOKEN} (the signup's, sealed in {@code businessToken}) or {@link #SYSTEM_USER_TOKEN}
 *     (a WABA onboarded by webhook alone: its hub's System User token, nothing stored)
 * @param dialog360ClientId the 360Dialog client created for the WABA on an account sharing hub, else null
 */
public record Waba(
        String wabaId,
        String hubId,
        UUID signupId,
        String businessId,
        String phoneNumberId,
        EncryptedSecret businessToken,
        String status,
        WabaStep currentStep,
        int stepAttempts,
        String creditLineId,
        String allocationConfigId,
        String creditSharing,
        EncryptedSecret pin,
        String phoneRegistration,
        String messageTemplateNamespace,
        String finishType,
        String customerReference,
        String tokenSource,
        String dialog360ClientId) {

    public static final String OBSERVED = "observed";
    public static final String PROVISIONING = "provisioning";
    public static final String PROVISIONED = "provisioned";
    public static final String FAILED = "failed";
    public static final String OFFBOARDING = "offboarding";
    public static final String OFFBOARDED = "offboarded";
    /** A WABA known from PARTNER_ADDED / PARTNER_APP_INSTALLED alone whose hub waits for ops (or cannot be told). */
    public static final String AWAITING_OPS = "awaiting_ops";
    /** PARTNER_APP_UNINSTALLED: the token is unusable, no work runs until the app is installed again. */
    public static final String APP_UNINSTALLED = "app_uninstalled";
    /** ACCOUNT_OFFBOARDED (device change, number re-registration): work stops until ACCOUNT_RECONNECTED. */
    public static final String ACCOUNT_OFFBOARDED = "account_offboarded";
    /** ACCOUNT_DELETED: the end; only a newer signup starts the WABA again. */
    public static final String ACCOUNT_DELETED = "account_deleted";

    public static final String BUSINESS_TOKEN = "business";
    public static final String SYSTEM_USER_TOKEN = "system_user";

    /** A number that stays on the WhatsApp Business app: never registered, its contacts and history synced once. */
    public boolean coexistence() {
        return SignupCompleted.COEXISTENCE_FINISH.equals(finishType);
    }
}

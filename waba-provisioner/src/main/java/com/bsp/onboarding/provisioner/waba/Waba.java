package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import java.util.UUID;

/**
 * A WABA's row as the workflow needs it; secrets stay sealed until a step opens them.
 *
 * @param phoneNumberId from the signup, or read from the WABA's numbers when the signup had none
 * @param finishType how Embedded Signup finished ({@link SignupCompleted#COEXISTENCE_FINISH} for a coexistence number)
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
        String dialog360ClientId) {

    public static final String OBSERVED = "observed";
    public static final String PROVISIONING = "provisioning";
    public static final String PROVISIONED = "provisioned";
    public static final String FAILED = "failed";
    public static final String OFFBOARDING = "offboarding";
    public static final String OFFBOARDED = "offboarded";

    /** A number that stays on the WhatsApp Business app: never registered, its contacts and history synced once. */
    public boolean coexistence() {
        return SignupCompleted.COEXISTENCE_FINISH.equals(finishType);
    }
}

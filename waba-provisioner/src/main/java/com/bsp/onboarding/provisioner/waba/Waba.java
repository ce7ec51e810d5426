package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import java.util.UUID;

/** A WABA's row as the workflow needs it; secrets stay sealed until a step opens them. */
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
        String messageTemplateNamespace) {

    public static final String OBSERVED = "observed";
    public static final String PROVISIONING = "provisioning";
    public static final String PROVISIONED = "provisioned";
    public static final String FAILED = "failed";
    public static final String OFFBOARDING = "offboarding";
    public static final String OFFBOARDED = "offboarded";
}

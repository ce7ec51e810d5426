package com.bsp.onboarding.provisioner.waba;

/**
 * What a finished step learned; null fields leave the WABA's value as it is.
 *
 * @param phoneNumberId the number read from the WABA when the signup named none
 * @param dialog360ClientId the client created for the WABA at 360Dialog (account sharing)
 * @param outcome a short word for ops (subscribed, already_subscribed, shared, skipped, ...)
 */
public record StepOutcome(
        String outcome,
        boolean skipped,
        String creditLineId,
        String allocationConfigId,
        String creditSharing,
        String phoneRegistration,
        String messageTemplateNamespace,
        String phoneNumberId,
        String dialog360ClientId) {

    public static StepOutcome done(String outcome) {
        return new StepOutcome(outcome, false, null, null, null, null, null, null, null);
    }

    public static StepOutcome skipped(String why) {
        return new StepOutcome(why, true, null, null, null, null, null, null, null);
    }

    public StepOutcome withCreditSharing(String creditLine, String allocation, String sharing) {
        return new StepOutcome(outcome, skipped, creditLine, allocation, sharing, phoneRegistration, messageTemplateNamespace, phoneNumberId,
                dialog360ClientId);
    }

    public StepOutcome withPhoneRegistration(String registration) {
        return new StepOutcome(outcome, skipped, creditLineId, allocationConfigId, creditSharing, registration, messageTemplateNamespace,
                phoneNumberId, dialog360ClientId);
    }

    public StepOutcome withTemplateNamespace(String namespace) {
        return new StepOutcome(outcome, skipped, creditLineId, allocationConfigId, creditSharing, phoneRegistration, namespace,
                phoneNumberId, dialog360ClientId);
    }

    public StepOutcome withPhoneNumber(String phone) {
        return new StepOutcome(outcome, skipped, creditLineId, allocationConfigId, creditSharing, phoneRegistration,
                messageTemplateNamespace, phone, dialog360ClientId);
    }

    public StepOutcome withDialog360Client(String clientId) {
        return new StepOutcome(outcome, skipped, creditLineId, allocationConfigId, creditSharing, phoneRegistration,
                messageTemplateNamespace, phoneNumberId, clientId);
    }
}

package com.bsp.onboarding.provisioner.runner;

import com.bsp.onboarding.contracts.provisioning.DeadLetter;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.providers.ProviderException;
import java.time.Instant;

/**
 * Why a workflow step failed, as WABA and channel workflows both decide on it: the provider's error (or
 * ours, named by class), and whether trying again later can help.
 */
public record StepFailure(ProvisioningError error, boolean retryable) {

    public static StepFailure of(Throwable failure) {
        if (failure instanceof ProviderException call) {
            return new StepFailure(new ProvisioningError(call.httpStatus(), call.code(), call.subcode(), call.type(),
                    call.providerMessage(), call.fbtraceId()), call.retryable());
        }
        return new StepFailure(new ProvisioningError(null, null, null, "internal",
                failure.getClass().getSimpleName() + ": " + failure.getMessage(), null), false);
    }

    /** The dead letter of a workflow that ends here. */
    public DeadLetter deadLetter(String subject, String step, Instant at) {
        return new DeadLetter(subject, retryable ? "retries_exhausted" : "permanent_error", step, error, null, null, null, null, at);
    }
}

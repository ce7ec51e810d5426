package com.bsp.onboarding.provisioner.graph;

import com.bsp.onboarding.contracts.provisioning.ProvisioningError;

/**
 * A Graph or Partner API call that failed, with what the provider answered. The message never holds a
 * token, PIN or key: only the call's name and the provider's error.
 *
 * @param retryable throttling, 5xx, timeouts and lost connections: try again later
 * @param ambiguous the request may have taken effect (timeout, 5xx, lost connection), so a retry of a
 *     side effect must first check whether it happened
 */
public class ProviderCallException extends RuntimeException {

    private final ProvisioningError error;
    private final boolean retryable;
    private final boolean ambiguous;

    public ProviderCallException(String call, ProvisioningError error, boolean retryable, boolean ambiguous) {
        super(call + " failed: " + describe(error), null, false, false);
        this.error = error;
        this.retryable = retryable;
        this.ambiguous = ambiguous;
    }

    public ProvisioningError error() {
        return error;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean ambiguous() {
        return ambiguous;
    }

    private static String describe(ProvisioningError error) {
        return "HTTP " + error.httpStatus() + ", error " + error.code() + "/" + error.subcode() + " " + error.message();
    }
}

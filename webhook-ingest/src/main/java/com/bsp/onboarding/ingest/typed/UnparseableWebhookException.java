package com.bsp.onboarding.ingest.typed;

/** An authentic webhook whose body is not what its source documents; it goes to quarantine, not away. */
public class UnparseableWebhookException extends Exception {

    public UnparseableWebhookException(String reason) {
        super(reason, null, false, false);
    }
}

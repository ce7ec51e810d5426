package com.bsp.onboarding.link.problem;

/**
 * A partner's signature clock is further ahead than {@code link.signature-max-lead}: answered 429 with
 * Retry-After, and nothing was stored.
 */
public class SigningRateExceededException extends RuntimeException {

    private final long retryAfterSeconds;
    private final long maxLeadSeconds;

    public SigningRateExceededException(long retryAfterSeconds, long maxLeadSeconds) {
        super("signature clock more than " + maxLeadSeconds + " s ahead", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
        this.maxLeadSeconds = maxLeadSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public long maxLeadSeconds() {
        return maxLeadSeconds;
    }
}

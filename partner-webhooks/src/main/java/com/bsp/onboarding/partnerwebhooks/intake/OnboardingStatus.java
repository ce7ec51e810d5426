package com.bsp.onboarding.partnerwebhooks.intake;

import java.util.Locale;

/**
 * Where an onboarding stands. Events arrive late and out of order across topics, so a status moves only to a higher
 * rank, or to one of equal rank told by a later event (a provisioning retried by ops after a failure).
 */
public enum OnboardingStatus {
    STARTED(0),
    /** The customer quit in the signup page, or it failed there; they may still try again and complete. */
    CANCELLED(1),
    ERRORED(1),
    /** At the provider: IO redirect back, or ES code exchanged for a token. */
    COMPLETED(2),
    PROVISIONING_FAILED(3),
    PROVISIONED(3),
    OFFBOARDED(5);

    private final int rank;

    OnboardingStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire name, or null for none. */
    public static OnboardingStatus of(String wireName) {
        for (OnboardingStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        return null;
    }
}

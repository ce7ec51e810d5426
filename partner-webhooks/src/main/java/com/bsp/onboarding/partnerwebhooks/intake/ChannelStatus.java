package com.bsp.onboarding.partnerwebhooks.intake;

import java.util.Locale;

/** Where a channel of an onboarding stands; moves forward like {@link OnboardingStatus}. */
enum ChannelStatus {
    /** The redirect claimed it (or waba-provisioner confirmed the claim). */
    GRANTED(0),
    PROVISIONING_FAILED(1),
    PROVISIONED(1),
    /** The claim was refused: the channel is not the link's. */
    REFUSED(2),
    REVOKED(2),
    DEPROVISIONED(2);

    private final int rank;

    ChannelStatus(int rank) {
        this.rank = rank;
    }

    int rank() {
        return rank;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

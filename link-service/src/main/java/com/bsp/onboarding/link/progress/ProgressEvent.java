package com.bsp.onboarding.link.progress;

import java.time.Instant;

/** Something that moved a channel on, read from one of the topics link-service follows. */
sealed interface ProgressEvent permits HubEvent, ProvisioningOutcome, ClaimDecision {

    /** The CloudEvents id: stable across redeliveries, so a second delivery is recognised. */
    String eventId();

    String partnerId();

    String channelId();

    String clientId();

    /** When it happened; progress only moves forward in this time. */
    Instant at();
}

package com.bsp.onboarding.link.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * waba-provisioner's decision on a channel a link's redirect claimed ({@code channel-claim-decided}): confirmed by
 * 360Dialog's facts, or refused with the reason.
 *
 * @param claim {@code grant} or {@code revoke}
 * @param outcome {@code confirmed} or {@code refused}
 */
record ClaimDecision(String eventId, String partnerId, String channelId, String clientId, UUID linkId, String claim,
        String outcome, String reason, Instant at) implements ProgressEvent {

    static final String CONFIRMED = "confirmed";
    static final String REFUSED = "refused";
    /** No decision yet: the redirect's word alone. */
    static final String CLAIMED = "claimed";
}

package com.bsp.onboarding.token.hosted;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A signup_sessions row; the token is not part of it (only its hash is stored).
 *
 * @param redirectUrl where the page sends the customer when the flow ends, or null
 * @param prefill Meta's extras.setup shape, or null
 */
public record SignupSession(UUID id, String hubId, String status, Instant createdAt, Instant expiresAt, UUID signupId,
        String outcome, String customerReference, String redirectUrl, SignupFlow flow, ObjectNode prefill) {

    public static final String OPEN = "open";
    public static final String USED = "used";
    public static final String EXPIRED = "expired";

    /** The outcome of a completion that produced a signup; refusals record their problem type slug. */
    public static final String COMPLETED = "completed";

    /** Never prints the reference, the redirect or the prefill: they may be personal data. */
    @Override
    public String toString() {
        return "SignupSession[" + id + ", hub " + hubId + ", " + status + "]";
    }
}

package com.bsp.onboarding.token.hosted;

import java.time.Instant;
import java.util.UUID;

/** A signup_sessions row; the token is not part of it (only its hash is stored). */
public record SignupSession(UUID id, String hubId, String status, Instant createdAt, Instant expiresAt, UUID signupId,
        String outcome) {

    public static final String OPEN = "open";
    public static final String USED = "used";
    public static final String EXPIRED = "expired";

    /** The outcome of a completion that produced a signup; refusals record their problem type slug. */
    public static final String COMPLETED = "completed";
}

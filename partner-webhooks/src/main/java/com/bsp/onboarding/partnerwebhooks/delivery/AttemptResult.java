package com.bsp.onboarding.partnerwebhooks.delivery;

import java.time.Instant;

/**
 * What one attempt gave, and what becomes of its delivery.
 *
 * @param httpStatus null when no answer came (timeout, refused connection or address)
 * @param outcome delivered | pending (retry at nextAttemptAt) | failed (the schedule is used up)
 */
record AttemptResult(Claimed delivery, Instant startedAt, int latencyMs, Integer httpStatus, String answerSnippet,
        String error, String outcome, Instant nextAttemptAt) {

    static final String DELIVERED = "delivered";
    static final String PENDING = "pending";
    static final String FAILED = "failed";
}

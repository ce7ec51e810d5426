package com.bsp.onboarding.partnerwebhooks.delivery;

/**
 * A delivery this replica holds the lease of, with what sending it takes.
 *
 * @param attempts the attempts made before this one
 * @param scheduleFrom the attempts made before the last replay: the retry schedule counts from there
 * @param leaseEndsAtNanos when the lease runs out, on this JVM's {@link System#nanoTime()} clock (measured from
 *        before the claim was sent, so never later than the database's)
 */
record Claimed(long id, String endpointId, String messageId, int attempts, int scheduleFrom, String payload, String url,
        long leaseEndsAtNanos) {
}

package com.bsp.onboarding.partnerwebhooks.delivery;

/**
 * A delivery this replica holds the lease of, with what sending it takes.
 *
 * @param attempts the attempts made before this one
 * @param scheduleFrom the attempts made before the last replay: the retry schedule counts from there
 */
record Claimed(long id, String endpointId, String messageId, int attempts, int scheduleFrom, String payload, String url) {
}

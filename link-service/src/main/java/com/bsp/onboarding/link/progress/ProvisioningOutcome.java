package com.bsp.onboarding.link.progress;

import java.time.Instant;

/**
 * What waba-provisioner reported for a channel: provisioned, or failed with the Partner API's answer.
 * Never holds the channel's API key, not even sealed.
 *
 * @param at {@code provisioned_at} or {@code failed_at}: the later outcome of a channel wins
 */
record ProvisioningOutcome(String eventId, String partnerId, String channelId, String clientId, String state,
        Instant at, Failure failure) implements ProgressEvent {

    static final String PROVISIONED = "provisioned";
    static final String FAILED = "failed";

    /** A summary of the failure for partners: the step and what the API answered. */
    record Failure(String step, Integer httpStatus, Integer code, String message) {
    }
}

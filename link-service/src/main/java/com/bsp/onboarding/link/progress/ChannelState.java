package com.bsp.onboarding.link.progress;

import java.time.Instant;

/** One row of {@code channel_progress}, as far as partners get to see it. */
record ChannelState(String channelId, String hubEvent, String hubStatus, Instant hubEventAt, String provisioning,
        Instant provisionedAt, String failureStep, Integer failureHttpStatus, Integer failureCode,
        String failureMessage) {
}

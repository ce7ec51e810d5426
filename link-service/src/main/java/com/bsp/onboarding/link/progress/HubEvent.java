package com.bsp.onboarding.link.progress;

import java.time.Instant;

/**
 * A 360Dialog channel webhook, e.g. {@code channel_running}.
 *
 * @param status the webhook's {@code data.status} (e.g. {@code running}); null when it has none
 * @param at when webhook-ingest received it (the CloudEvent's time)
 */
record HubEvent(String eventId, String partnerId, String channelId, String clientId, String event, String status,
        Instant at) implements ProgressEvent {
}

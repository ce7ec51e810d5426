package com.bsp.onboarding.link.progress;

import java.time.Instant;

/**
 * A 360Dialog channel webhook, e.g. {@code channel_running}.
 *
 * @param status the channel's status at 360Dialog as webhook-ingest typed it ({@code channel_status}, e.g.
 *     {@code running}); null when the webhook has none
 * @param at when webhook-ingest received it (the CloudEvent's time)
 */
record HubEvent(String eventId, String partnerId, String channelId, String clientId, String event, String status,
        Instant at) implements ProgressEvent {
}

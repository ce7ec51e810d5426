package com.bsp.onboarding.contracts.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Data of a 360Dialog partner event. The envelope is only known from public client code, so
 * webhook-ingest reads the fields consumers act on tolerantly and types them here; consumers read
 * these fields, never {@code payload}, which keeps the whole body (unknown fields included) for audit.
 *
 * @param partnerId the 360Dialog partner id of the URL the webhook was posted to
 * @param event 360Dialog's event name ({@code channel_running}, ..., unknown ones included)
 * @param clientId the client: {@code data.client_id}, {@code client_id}, {@code data.client.id}, or
 *     {@code data.id} of a {@code client_*} event; null when the webhook names none
 * @param channelId the channel: {@code data.channel_id}, {@code channel_id}, or {@code data.id} of a
 *     {@code channel_*} event; null when the webhook names none
 * @param channelStatus the channel's status at 360Dialog ({@code pending}, {@code ready},
 *     {@code running}, ...): {@code data.status} of a {@code channel_*} event; null when it has none
 * @param payload the webhook body as received
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dialog360WebhookEvent(
        String rawId,
        String partnerId,
        String event,
        String clientId,
        String channelId,
        String channelStatus,
        JsonNode payload) {
}

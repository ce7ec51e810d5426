package com.bsp.onboarding.partnerwebhooks.endpoints;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One message's delivery to one endpoint, with every attempt. */
public record DeliveryView(
        long deliveryId,
        String endpointId,
        @Schema(description = "The webhook-id") String messageId,
        String eventType,
        @Schema(enumeration = {"pending", "delivered", "failed", "cancelled"}) String status,
        int attemptsMade,
        Instant nextAttemptAt,
        Instant deliveredAt,
        List<Attempt> attempts) {

    public record Attempt(int attempt, Instant startedAt, Integer latencyMs,
            @Schema(description = "null: no answer (timeout, connection failed, address refused)") Integer httpStatus,
            @Schema(description = "The first bytes of the answer") String answerSnippet, String error) {
    }
}

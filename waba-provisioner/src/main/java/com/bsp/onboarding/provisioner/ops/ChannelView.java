package com.bsp.onboarding.provisioner.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A 360Dialog channel as ops see it; its API key is never shown. */
@Schema(name = "Channel")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelView(
        String partnerId,
        String channelId,
        String hubId,
        String clientId,
        boolean permitted,
        boolean running,
        String hubStatus,
        @Schema(enumeration = {"waiting", "provisioning", "provisioned", "failed", "deprovisioning", "revoked"}) String status,
        String currentStep,
        int stepAttempts,
        Instant nextAttemptAt,
        String webhookUrl,
        JsonNode lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant provisionedAt,
        @Schema(description = "When a revocation after provisioning was applied (webhook removed, key discarded)") Instant revokedAt,
        @Schema(description = "360Dialog's latest account_violation and account_restriction for the channel, with their bodies")
        JsonNode accountEvents) {
}

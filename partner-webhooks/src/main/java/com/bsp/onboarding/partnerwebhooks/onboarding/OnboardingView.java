package com.bsp.onboarding.partnerwebhooks.onboarding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One onboarding, whichever route: where it stands and, in {@code timeline}, every webhook it produced, with the
 * bodies the webhooks carried. It follows events, so it may lag them by a moment.
 *
 * @param timeline null in a listing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An onboarding of either route, with the webhooks it produced")
public record OnboardingView(
        @Schema(description = "The id you got from your first call: the link id (Integrated Onboarding), the signup "
                + "session id (hosted Embedded Signup) or the signup id (POST /v1/signups)") String id,
        @Schema(enumeration = {"integrated_onboarding", "embedded_signup"}) String route,
        @Schema(description = "Your own reference: the link's partner_payload, or the session's customer_reference",
                nullable = true) String partnerReference,
        @Schema(enumeration = {"started", "cancelled", "errored", "completed", "provisioning_failed", "provisioned",
                "offboarded"}) String status,
        @Schema(nullable = true) String wabaId,
        @Schema(nullable = true) String phoneNumberId,
        @Schema(nullable = true) String businessId,
        @Schema(description = "The 360Dialog client", nullable = true) String clientId,
        List<Channel> channels,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "The onboarding's webhooks in the order they were produced (absent in a listing)")
        List<TimelineEntry> timeline) {

    @Schema(description = "A 360Dialog channel of the onboarding")
    public record Channel(String channelId,
            @Schema(enumeration = {"granted", "provisioned", "provisioning_failed", "refused", "revoked",
                    "deprovisioned"}) String status) {
    }

    /** One webhook of the onboarding: its webhook-id and the body's type, timestamp and data. */
    @Schema(description = "A webhook of the onboarding: the webhook-id and its body")
    public record TimelineEntry(String messageId, String type, Instant timestamp,
            @Schema(description = "The webhook body's data, as delivered") JsonNode data) {
    }

    OnboardingView withTimeline(List<TimelineEntry> entries) {
        return new OnboardingView(id, route, partnerReference, status, wabaId, phoneNumberId, businessId, clientId,
                channels, createdAt, updatedAt, entries);
    }
}

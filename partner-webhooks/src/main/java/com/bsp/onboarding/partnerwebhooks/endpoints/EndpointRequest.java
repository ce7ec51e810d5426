package com.bsp.onboarding.partnerwebhooks.endpoints;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new endpoint. */
public record EndpointRequest(
        @Schema(required = true, description = "Where the webhooks go: https:// (public address), no redirects followed",
                example = "https://partner.example/webhooks/bsp") String url,
        @Schema(description = "Free text for the hub, at most 500 characters") String description,
        @Schema(description = "The event types this endpoint takes; absent or null: every type") List<String> eventTypes) {
}

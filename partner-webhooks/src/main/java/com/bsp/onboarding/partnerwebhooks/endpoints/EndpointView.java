package com.bsp.onboarding.partnerwebhooks.endpoints;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An endpoint as the hub sees it; the secret only in the answer that created it. */
public record EndpointView(
        @Schema(example = "ep_3f9c0c7a2b1e4d6f8a9b0c1d2e3f4a5b") String id,
        String url,
        String description,
        @Schema(description = "null: every event type") List<String> eventTypes,
        boolean enabled,
        @Schema(description = "failing (disabled by the service) or by_hub; null while enabled") String disabledReason,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The signing secret (whsec_...): only in the answer to the creation") String secret) {

    EndpointView withSecret(String secret) {
        return new EndpointView(id, url, description, eventTypes, enabled, disabledReason, createdAt, updatedAt, secret);
    }
}

package com.bsp.onboarding.partnerwebhooks.endpoints;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change to an endpoint: a field left out (or null) stays as it is. */
public record EndpointPatch(
        String url,
        String description,
        @Schema(description = "The event types this endpoint takes; an empty list: every type") List<String> eventTypes,
        @Schema(description = "false stops deliveries (they wait); true resumes them and clears the failing state")
        Boolean enabled) {
}

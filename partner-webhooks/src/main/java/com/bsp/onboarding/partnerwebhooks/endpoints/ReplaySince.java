package com.bsp.onboarding.partnerwebhooks.endpoints;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ReplaySince(@Schema(required = true, description = "Every message of the hub created at or after this instant")
        Instant since) {

    public record Replayed(@Schema(description = "Deliveries queued again or created") long replayed) {
    }
}

package com.bsp.onboarding.partnerwebhooks.endpoints;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record SecretRotation(
        @Schema(description = "The new signing secret (whsec_...); shown only here") String secret,
        @Schema(description = "Until then deliveries carry a signature with the previous secret too") Instant previousSecretExpiresAt) {
}

package com.bsp.onboarding.token.signup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A completed signup as partners see it: never the token. */
@Schema(name = "Signup")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupResponse(UUID id, @Schema(enumeration = {"completed"}) String status, String wabaId,
        String phoneNumberId, String businessId, String finishType, Instant createdAt, Instant completedAt) {

    static SignupResponse of(Signup signup) {
        return new SignupResponse(signup.id(), signup.status(), signup.wabaId(), signup.phoneNumberId(), signup.businessId(),
                signup.finishType(), signup.createdAt(), signup.completedAt());
    }
}

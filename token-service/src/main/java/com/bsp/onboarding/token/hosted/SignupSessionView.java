package com.bsp.onboarding.token.hosted;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session as its partner sees it: whether the customer finished, and which signup it produced. */
@Schema(name = "SignupSession")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupSessionView(
        UUID id,
        @Schema(enumeration = {"open", "used", "expired"}) String status,
        Instant createdAt,
        Instant expiresAt,
        @Schema(description = "The signup the completion produced (GET /v1/signups/{id})") UUID signupId,
        @Schema(description = "'completed', or the problem type slug of the refused completion (code-expired, ...)")
        String outcome) {

    static SignupSessionView of(SignupSession session) {
        return new SignupSessionView(session.id(), session.status(), session.createdAt(), session.expiresAt(), session.signupId(),
                session.outcome());
    }
}

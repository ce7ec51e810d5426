package com.bsp.onboarding.token.hosted;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session as its partner sees it: whether the customer finished, which signup it produced, and how the flow went. */
@Schema(name = "SignupSession")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupSessionView(
        UUID id,
        @Schema(enumeration = {"open", "used", "expired"}) String status,
        Instant createdAt,
        Instant expiresAt,
        @Schema(description = "The signup the completion produced (GET /v1/signups/{id})") UUID signupId,
        @Schema(description = "'completed', or the problem type slug of the refused completion (code-expired, ...)")
        String outcome,
        @Schema(description = "Your reference for the customer, as you gave it") String customerReference,
        @Schema(description = "Where the page sends the customer when the flow ends") String redirectUrl,
        @Schema(enumeration = {"default", "coexistence"}) String flow,
        @Schema(description = "Every WA_EMBEDDED_SIGNUP message the page received from Meta, in order (finishes, CANCEL with "
                + "the step, ERROR with the code): where the customer went, reported by the browser")
        List<SessionEvent> events) {

    static SignupSessionView of(SignupSession session, List<SessionEvent> events) {
        return new SignupSessionView(session.id(), session.status(), session.createdAt(), session.expiresAt(), session.signupId(),
                session.outcome(), session.customerReference(), session.redirectUrl(), session.flow().wireName(), events);
    }
}

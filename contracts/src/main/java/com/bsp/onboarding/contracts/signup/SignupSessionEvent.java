package com.bsp.onboarding.contracts.signup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link SignupEventTypes#SESSION_EVENT}: the page of a hosted signup session received a
 * {@code WA_EMBEDDED_SIGNUP} message from Meta (a finish, a CANCEL with the step, an ERROR with its code). Keyed
 * by session id. It came through the customer's browser: it tells where customers drop out, it proves nothing;
 * a signup exists only once {@link SignupCompleted} says so.
 *
 * @param seq the message's position among the session's messages, from 1
 * @param metaSessionId Meta's {@code session_id} of an ERROR, for Meta's support
 * @param reportedAt Meta's {@code timestamp} of the message, when it carried one
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupSessionEvent(
        String sessionId,
        String hubId,
        String customerReference,
        int seq,
        String event,
        String currentStep,
        String errorCode,
        String errorMessage,
        String metaSessionId,
        String wabaId,
        String phoneNumberId,
        String businessId,
        Instant reportedAt,
        Instant receivedAt) {
}

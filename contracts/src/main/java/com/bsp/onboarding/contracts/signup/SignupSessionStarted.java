package com.bsp.onboarding.contracts.signup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Data of {@link SignupEventTypes#SIGNUP_SESSION_STARTED}: a partner created a hosted Embedded Signup
 * session (POST /v1/signup-sessions), the start of an ES onboarding. Keyed by session id.
 *
 * @param customerReference the partner's own reference for its customer, as given at creation
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupSessionStarted(
        String sessionId,
        String hubId,
        String customerReference,
        Instant startedAt,
        Instant expiresAt) {
}

package com.bsp.onboarding.ingest.problem;

import com.bsp.onboarding.http.problem.Problem;
import jakarta.ws.rs.core.Response;

/**
 * The problems of the webhook endpoints (RFC 9457, built by http-commons). They say what was wrong, never
 * which secret or which expected value would have been right.
 */
public final class Problems {

    private Problems() {
    }

    public static Response unauthorized(String detail) {
        return Problem.of("invalid-signature", "Webhook not authenticated", 401, detail).toResponse();
    }

    public static Response notFound(String detail) {
        return Problem.notFound(detail).toResponse();
    }

    public static Response verificationRefused(String detail) {
        return Problem.of("verification-refused", "Verification refused", 403, detail).toResponse();
    }

    public static Response unavailable(int retryAfterSeconds) {
        return Problem.of("storage-unavailable", "Webhook not stored",
                503, "The webhook could not be stored durably right now; it was not accepted. Retry later.")
                .withRetryAfter(retryAfterSeconds).toResponse();
    }
}

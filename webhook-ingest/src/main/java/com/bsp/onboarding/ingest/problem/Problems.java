package com.bsp.onboarding.ingest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * RFC 9457 answers of the webhook endpoints. They say what was wrong, never which secret or which
 * expected value would have been right.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:bsp-onboarding:problem:";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail) {
    }

    private Problems() {
    }

    public static Response unauthorized(String detail) {
        return of(401, "invalid-signature", "Webhook not authenticated", detail);
    }

    public static Response notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static Response unavailable(int retryAfterSeconds) {
        return Response.fromResponse(of(503, "storage-unavailable", "Webhook not stored",
                        "The webhook could not be stored durably right now; it was not accepted. Retry later."))
                .header("Retry-After", retryAfterSeconds).build();
    }

    public static Response of(int status, String slug, String title, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(new Problem(TYPE_PREFIX + slug, title, status, detail)).build();
    }
}

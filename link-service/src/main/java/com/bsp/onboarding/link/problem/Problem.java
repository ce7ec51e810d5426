package com.bsp.onboarding.link.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} identifies the kind of problem for programs; {@code errors}
 * names each offending request field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:bsp-onboarding:problem:";

    public record FieldError(String field, String message) {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    public static Response unauthorized(String detail, String instance) {
        return new Problem(type("unauthorized"), "Missing or invalid API key", 401, detail, instance, List.of()).toResponse();
    }

    public static Problem invalidParameters(List<FieldError> errors, String instance) {
        String detail = errors.size() == 1
                ? "Field '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(type("invalid-parameters"), "Invalid request parameters", 400, detail, instance, errors);
    }

    public static Problem notFound(String detail, String instance) {
        return new Problem(type("not-found"), "Not found", 404, detail, instance, List.of());
    }

    /** Answered with a Retry-After header (see ProblemMappers). */
    public static Problem signingRateExceeded(long retryAfterSeconds, long maxLeadSeconds, String instance) {
        String detail = "360Dialog accepts each IO signature once, and a signature covers only the partner id and "
                + "the second, so this hub can sign at most one link per second on average (a burst may run up to "
                + maxLeadSeconds + " seconds ahead, and that allowance is used up). Nothing was stored; retry after "
                + retryAfterSeconds + " seconds.";
        return new Problem(type("signing-rate-exceeded"), "Too many links for this hub", 429, detail, instance, List.of());
    }
}

package com.bsp.onboarding.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} tells programs what happened; the extension members are
 * {@code errors} (each offending request field), {@code retry_after} (seconds, also sent as Retry-After)
 * and {@code correlation_id} (of an unexpected failure, as logged). Names are fixed here, not by a
 * service's naming strategy, so every service writes the same document.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors", "retry_after", "correlation_id"})
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("instance") String instance,
        @JsonProperty("errors") List<FieldError> errors,
        @JsonProperty("retry_after") Long retryAfter,
        @JsonProperty("correlation_id") String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:bsp-onboarding:problem:";

    public record FieldError(@JsonProperty("field") String field, @JsonProperty("message") String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem of type {@code urn:bsp-onboarding:problem:<slug>}. */
    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, List.of(), null, null);
    }

    /** 400 naming every broken field rule. */
    public static Problem invalidParameters(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "Field '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(TYPE_PREFIX + "invalid-parameters", "Invalid request parameters", 400, detail, null, errors, null, null);
    }

    /** 403: the caller is known, but its API key may not do this. */
    public static Problem forbidden(String detail) {
        return of("forbidden", "Forbidden", 403, detail);
    }

    public static Problem notFound(String detail) {
        return of("not-found", "Not found", 404, detail);
    }

    /** The slug of {@link #type()}: what follows the last ':'. */
    public String slug() {
        return type.substring(type.lastIndexOf(':') + 1);
    }

    public Problem atInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors, retryAfter, correlationId);
    }

    public Problem withRetryAfter(long seconds) {
        return new Problem(type, title, status, detail, instance, errors, seconds, correlationId);
    }

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, instance, errors, retryAfter, id);
    }

    public ProblemException exception() {
        return new ProblemException(this);
    }

    /** The answer: problem+json, with Retry-After when the problem says when to retry. */
    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        return response.build();
    }
}

package com.bsp.onboarding.link.problem;

import com.bsp.onboarding.link.problem.Problem.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the HTTP API leaves as problem+json, including the framework's own. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameters(InvalidParametersException e, UriInfo uri) {
        return Problem.invalidParameters(e.errors(), uri.getPath()).toResponse();
    }

    /** 429 with Retry-After (delay-seconds), so a partner's client can pace its loop without parsing the body. */
    @ServerExceptionMapper
    public Response signingRateExceeded(SigningRateExceededException e, UriInfo uri) {
        Problem problem = Problem.signingRateExceeded(e.retryAfterSeconds(), e.maxLeadSeconds(), uri.getPath());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .build();
    }

    /** Registered for the subtype too, so it wins over the framework's built-in mapper for it. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    /** Malformed JSON, a wrong type, or a field the API does not have (a typo must not be ignored silently). */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        FieldError error;
        if (e instanceof UnrecognizedPropertyException unknown) {
            error = new FieldError(path(unknown), "is not a field of this request");
        } else if (e instanceof InvalidFormatException format) {
            error = new FieldError(path(format), "has the wrong type");
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            error = new FieldError(path(mapping), "could not be read");
        } else {
            error = new FieldError("body", "is not valid JSON");
        }
        return Problem.invalidParameters(List.of(error), uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Request refused";
        String slug = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return new Problem(Problem.type(slug), title, status, e.getMessage(), uri.getPath(), List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return new Problem(Problem.type("internal-error"), "Internal error", 500,
                "The request could not be completed; it is safe to retry.", uri.getPath(), List.of()).toResponse();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}

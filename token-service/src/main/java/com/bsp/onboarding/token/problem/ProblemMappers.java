package com.bsp.onboarding.token.problem;

import com.bsp.onboarding.token.problem.Problem.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the HTTP API leaves as problem+json; none of them carries a code or token. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Pattern UNRECOGNIZED_FIELD = Pattern.compile("Unrecognized field \"([^\"]{1,100})\"");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem p = e.problem();
        return new Problem(p.type(), p.title(), p.status(), p.detail(), uri.getPath(), p.errors()).toResponse();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        String field = "body";
        String message = "is not valid JSON";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            message = e instanceof UnrecognizedPropertyException ? "is not a field of this request" : "could not be read";
        } else if (e instanceof JsonMappingException) {
            // Quarkus' generated (reflection-free) deserialisers report an unknown field without a path.
            Matcher unknown = UNRECOGNIZED_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
            if (unknown.find()) {
                field = unknown.group(1);
                message = "is not a field of this request";
            } else {
                message = "could not be read";
            }
        }
        return invalid(List.of(new FieldError(field, message)), uri.getPath());
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
        return Problem.of("request-refused", "Request refused", status, "The request was refused (HTTP " + status + ").", uri.getPath())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        // The class only: a message could quote a request, and requests here carry codes.
        LOG.errorf("Unexpected %s on %s", e.getClass().getName(), uri.getPath());
        return Problem.of("internal-error", "Internal error", 500, "The request could not be completed.", uri.getPath()).toResponse();
    }

    public static Response invalid(List<FieldError> errors, String instance) {
        String detail = errors.size() == 1 ? "Field '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem("urn:bsp-onboarding:problem:invalid-parameters", "Invalid request parameters", 400, detail, instance,
                errors).toResponse();
    }
}

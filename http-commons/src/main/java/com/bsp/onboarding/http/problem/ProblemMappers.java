package com.bsp.onboarding.http.problem;

import com.bsp.onboarding.http.problem.Problem.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Every error of every service's HTTP API leaves as problem+json, the framework's own included (unknown
 * route, wrong method or media type, unreadable JSON, missing credentials).
 *
 * <p>One logging rule: a 4xx is the caller's business and is logged at debug, by type and path only; a
 * 5xx is logged at error with a correlation id that the answer carries too. Neither logs a request
 * body or an exception message (either may quote a code, token or key): only the exception's class.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Quarkus' generated (reflection-free) deserialisers report an unknown field without a path. */
    private static final Pattern UNRECOGNIZED_FIELD = Pattern.compile("Unrecognized field \"([^\"]{1,100})\"");
    static final String UNAUTHORIZED_DETAIL = "Present a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key'.";

    private final MeterRegistry meters;

    public ProblemMappers(MeterRegistry meters) {
        this.meters = meters;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, SimpleResourceInfo resource) {
        return answer(e.problem(), e, uri, resource);
    }

    /** Missing, unknown or empty API key on an endpoint that needs one. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, SimpleResourceInfo resource) {
        meters.counter("api_key_auth_failures_total").increment();
        Response answer = answer(Problem.of("unauthorized", "Missing or invalid API key", 401, UNAUTHORIZED_DETAIL), e, uri, resource);
        return Response.fromResponse(answer).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        return answer(Problem.forbidden("This API key may not do this."), e, uri, resource);
    }

    /** Registered for the subtype too, so it wins over the framework's built-in mapper for it. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri, SimpleResourceInfo resource) {
        return unreadableBody(e, uri, resource);
    }

    /** Malformed JSON, a wrong type, or a field the API does not have (a typo must not be ignored silently). */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri, SimpleResourceInfo resource) {
        return answer(Problem.invalidParameters(List.of(fieldError(e))), e, uri, resource);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, SimpleResourceInfo resource) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json, uri, resource);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri, resource);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        Problem problem = known == null
                ? Problem.of("request-refused", "Request refused", status, "The request was refused (HTTP " + status + ").")
                : Problem.of(known.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-'), known.getReasonPhrase(), status,
                        status == 404 ? "No such resource." : "The request was refused (HTTP " + status + ").");
        Response answer = answer(problem, e, uri, resource);
        // 405 keeps the Allow header the framework computed.
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? answer : Response.fromResponse(answer).header(HttpHeaders.ALLOW, allow).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, SimpleResourceInfo resource) {
        return answer(Problem.of("internal-error", "Internal error", 500, "The request could not be completed."), e, uri, resource);
    }

    /** The path goes into the answer (the caller sent it) but not into the log: some paths carry a token. */
    private static Response answer(Problem problem, Throwable cause, UriInfo uri, SimpleResourceInfo resource) {
        Problem answered = problem.instance() == null ? problem.atInstance(uri.getPath()) : problem;
        String endpoint = resource == null || resource.getResourceClass() == null ? "no endpoint"
                : resource.getResourceClass().getSimpleName() + "." + resource.getMethodName();
        if (answered.status() >= 500) {
            String correlationId = UUID.randomUUID().toString();
            answered = answered.withCorrelationId(correlationId);
            LOG.errorf("%d %s at %s (%s), correlation id %s", answered.status(), answered.type(), endpoint,
                    cause.getClass().getName(), correlationId);
        } else {
            LOG.debugf("%d %s at %s", answered.status(), answered.type(), endpoint);
        }
        return answered.toResponse();
    }

    private static FieldError fieldError(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String message = e instanceof UnrecognizedPropertyException ? "is not a field of this request"
                    : e instanceof InvalidFormatException ? "has the wrong type" : "could not be read";
            return new FieldError(path(mapping), message);
        }
        if (e instanceof JsonMappingException) {
            Matcher unknown = UNRECOGNIZED_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
            return unknown.find() ? new FieldError(unknown.group(1), "is not a field of this request")
                    : new FieldError("body", "could not be read");
        }
        return new FieldError("body", "is not valid JSON");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}

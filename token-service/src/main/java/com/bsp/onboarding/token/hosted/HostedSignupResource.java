package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.ProblemException;
import com.bsp.onboarding.token.signup.SignupRequest;
import com.bsp.onboarding.token.signup.SignupRequestValidator;
import com.bsp.onboarding.token.signup.SignupResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The customer's browser: no API key, the one-time session token in the path authorises it. Problems leave
 * without an {@code instance}, and unexpected failures are logged by class only, because this path carries
 * the token.
 */
@Path("/signup/{token}")
@Tag(name = "Hosted signup page", description = "Called by the customer's browser through a session URL")
public class HostedSignupResource {

    private static final Logger LOG = Logger.getLogger(HostedSignupResource.class);

    private final HostedSignupService service;
    private final HostedSignupPages pages;

    public HostedSignupResource(HostedSignupService service, HostedSignupPages pages) {
        this.service = service;
        this.pages = pages;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The Embedded Signup page of an open session")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "404", description = "No session has this token")
    @APIResponse(responseCode = "410", description = "The session was used or has expired")
    public Uni<Response> page(@PathParam("token") String token) {
        return service.session(token).map(found -> found.filter(s -> SignupSession.OPEN.equals(s.status()))
                .map(pages::signup)
                .orElseGet(() -> pages.unavailable(found)));
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a WA_EMBEDDED_SIGNUP message the page received (finish, CANCEL, ERROR)",
            description = "Recorded on the session and announced on Kafka (session-event): where customers drop out.")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Not a WA_EMBEDDED_SIGNUP message; each field named", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "session-not-found (also for an expired session)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "too-many-session-events", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> event(@PathParam("token") String token, JsonNode body) {
        SessionMessage.Result parsed = SessionMessage.parse(body);
        if (!parsed.errors().isEmpty()) {
            return Uni.createFrom().item(Problem.invalidParameters(parsed.errors()).toResponse());
        }
        return service.recordEvent(token, parsed.message())
                .map(done -> Response.noContent().build())
                .onFailure().recoverWithItem(HostedSignupResource::problem);
    }

    @POST
    @Path("/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete the session: exchange the Embedded Signup code for the session's hub (once)")
    @APIResponse(responseCode = "201", description = "Exchanged, scope confirmed, token stored sealed",
            content = @Content(schema = @Schema(implementation = SignupResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (the session stays open)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "session-not-found", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "session-used, or any 409 of POST /v1/signups",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "410", description = "session-expired, or code-expired", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "graph-unavailable: the session stays open, submit the same request again",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> complete(@PathParam("token") String token, SignupRequest request) {
        // Validated before the claim: a malformed request must not use up the customer's link.
        var errors = SignupRequestValidator.errors(request);
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(Problem.invalidParameters(errors).toResponse());
        }
        return service.complete(token, request)
                .map(outcome -> (outcome.firstTime()
                        ? Response.created(URI.create("/v1/signups/" + outcome.signup().id())).entity(outcome.signup())
                        : Response.ok(outcome.signup()))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                .onFailure().recoverWithItem(HostedSignupResource::problem);
    }

    private static Response problem(Throwable failure) {
        if (failure instanceof ProblemException refused) {
            return refused.problem().toResponse();
        }
        LOG.errorf("Unexpected %s completing a signup session", failure.getClass().getName());
        return Problem.of("internal-error", "Internal error", 500, "The signup could not be completed.").toResponse();
    }
}

package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.http.auth.CallerHub;
import com.bsp.onboarding.http.openapi.ApiKeySecuritySchemes;
import com.bsp.onboarding.http.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Partner backends open hosted Embedded Signup sessions and read how they ended. */
@Path("/v1/signup-sessions")
@Authenticated
@Tag(name = "Signup sessions", description = "Embedded Signup hosted by this service, for partners who do not host it")
@SecurityRequirement(name = ApiKeySecuritySchemes.HUB_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class SignupSessionResource {

    private final HostedSignupService service;
    private final CallerHub callerHub;
    private final HubSignupSettingsRegistry hubs;
    private final HostedSignupConfig hosted;

    public SignupSessionResource(HostedSignupService service, CallerHub callerHub, HubSignupSettingsRegistry hubs,
            HostedSignupConfig hosted) {
        this.service = service;
        this.callerHub = callerHub;
        this.hubs = hubs;
        this.hosted = hosted;
    }

    @POST
    @Operation(summary = "Open a one-time hosted Embedded Signup page for a customer",
            description = "The body is optional: without one the session runs the default flow and keeps the customer on the page.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = SignupSessionRequest.class)))
    @APIResponse(responseCode = "201", description = "Send the customer's browser to url before expires_at",
            content = @Content(schema = @Schema(implementation = SignupSessionCreated.class)))
    @APIResponse(responseCode = "400", description = "Unknown or invalid fields, each named in invalid_params; nothing is stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "A body that is not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> create(UriInfo uri, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] raw)
            throws IOException {
        // The body is optional, and so is its Content-Type when there is none: read here rather than by JAX-RS.
        JsonNode body = JsonBodies.optional(contentType, raw);
        return callerHub.id().chain(hub -> {
            SessionInputParser.Result parsed = SessionInputParser.parse(body, hubs.of(hub), hosted.loopbackHttpRedirects());
            if (!parsed.errors().isEmpty()) {
                return Uni.createFrom().item(Problem.invalidParameters(parsed.errors()).toResponse());
            }
            // no-store: the answer carries the session URL, and with it the customer's only credential.
            return service.create(hub, parsed.input()).map(created -> Response
                    .created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A session of your hub: its status, and the signup it produced")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(implementation = SignupSessionView.class)))
    @APIResponse(responseCode = "404", description = "No session with this id for your hub", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> get(@PathParam("id") String id) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(notFound().exception());
        }
        return callerHub.id().chain(hub -> service.find(hub, sessionId))
                .map(found -> found.map(session -> Response.ok(session).build()).orElseThrow(() -> notFound().exception()));
    }

    private static Problem notFound() {
        return Problem.notFound("No signup session with this id exists for your hub.");
    }
}

package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.token.auth.ApiKeyFilter;
import com.bsp.onboarding.token.auth.ApiKeyRequired;
import com.bsp.onboarding.token.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Partner backends open hosted Embedded Signup sessions and read how they ended. */
@Path("/v1/signup-sessions")
@ApiKeyRequired
@Tag(name = "Signup sessions", description = "Embedded Signup hosted by this service, for partners who do not host it")
@SecurityRequirement(name = "apiKey")
@Produces(MediaType.APPLICATION_JSON)
public class SignupSessionResource {

    private final HostedSignupService service;

    public SignupSessionResource(HostedSignupService service) {
        this.service = service;
    }

    // No request body: nothing about the session is chosen by the partner (a body sent anyway is ignored).
    @POST
    @Operation(summary = "Open a one-time hosted Embedded Signup page for a customer")
    @APIResponse(responseCode = "201", description = "Send the customer's browser to url before expires_at",
            content = @Content(schema = @Schema(implementation = SignupSessionCreated.class)))
    @APIResponse(responseCode = "401", description = "No valid API key", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> create(@Context ContainerRequestContext context, UriInfo uri) {
        // no-store: the answer carries the session URL, and with it the customer's only credential.
        return service.create(hub(context)).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A session of your hub: its status, and the signup it produced")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(implementation = SignupSessionView.class)))
    @APIResponse(responseCode = "404", description = "No session with this id for your hub", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> get(@PathParam("id") String id, @Context ContainerRequestContext context, UriInfo uri) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(notFound(uri));
        }
        return service.find(hub(context), sessionId)
                .map(found -> found.map(session -> Response.ok(session).build()).orElseGet(() -> notFound(uri)));
    }

    private static Response notFound(UriInfo uri) {
        return Problem.of("not-found", "Not found", 404, "No signup session with this id exists for your hub.", uri.getPath()).toResponse();
    }

    private static String hub(ContainerRequestContext context) {
        return (String) context.getProperty(ApiKeyFilter.HUB_PROPERTY);
    }
}

package com.bsp.onboarding.link.links;

import com.bsp.onboarding.http.auth.CallerHub;
import com.bsp.onboarding.http.openapi.ApiKeySecuritySchemes;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.link.hub.Hub;
import com.bsp.onboarding.link.hub.HubRegistry;
import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/links")
@Authenticated
@Tag(name = "Links", description = "Signed 360Dialog Integrated Onboarding links")
@SecurityRequirement(name = ApiKeySecuritySchemes.HUB_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class LinkResource {

    private final LinkService links;
    private final CallerHub callerHub;
    private final HubRegistry hubs;

    public LinkResource(LinkService links, CallerHub callerHub, HubRegistry hubs) {
        this.links = links;
        this.callerHub = callerHub;
        this.hubs = hubs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a signed Integrated Onboarding link (signup, or permission for an existing client)")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "360Dialog accepts a signature once and it covers only the "
            + "partner and the second, so a hub can sign one link per second on average; a burst may run up to "
            + "link.signature-max-lead ahead. Beyond that: retry after Retry-After seconds; nothing was stored",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before issuing the next link",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> issue(LinkRequest request, UriInfo uri) {
        return hub().chain(hub -> links.issue(hub, request))
                .map(link -> Response.created(uri.getAbsolutePathBuilder().path(link.id().toString()).build())
                        .entity(link).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A link's status (issued, completed, expired) with the client and channels once completed",
            description = "A completed link also tells how far its onboarding got: each granted channel's latest "
                    + "360Dialog status and whether it was provisioned. This follows events, so it may lag them by a moment.")
    @APIResponse(responseCode = "200", description = "The link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkResponse.class)))
    @APIResponse(responseCode = "404", description = "No such link for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") String id) {
        UUID linkId = parseId(id);
        if (linkId == null) {
            return Uni.createFrom().failure(notFound().exception());
        }
        return hub().chain(hub -> links.find(hub, linkId))
                .map(link -> link.map(l -> Response.ok(l).build()).orElseThrow(() -> notFound().exception()));
    }

    /** The hub of the caller's API key (its id is the identity's; the rest is configuration). */
    private Uni<Hub> hub() {
        return callerHub.id().map(id -> hubs.byId(id).orElseThrow(UnauthorizedException::new));
    }

    private static Problem notFound() {
        return Problem.notFound("No link with this id exists for your hub.");
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

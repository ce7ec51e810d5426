package com.bsp.onboarding.partnerwebhooks.endpoints;

import com.bsp.onboarding.http.auth.CallerHub;
import com.bsp.onboarding.http.openapi.ApiKeySecuritySchemes;
import com.bsp.onboarding.http.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/endpoints")
@Authenticated
@Tag(name = "Endpoints", description = "Where a hub's Standard Webhooks go, their signing secrets, delivery log and replay")
@SecurityRequirement(name = ApiKeySecuritySchemes.HUB_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class EndpointResource {

    private final EndpointService endpoints;
    private final CallerHub callerHub;

    public EndpointResource(EndpointService endpoints, CallerHub callerHub) {
        this.endpoints = endpoints;
        this.callerHub = callerHub;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint; the answer carries its signing secret, shown only this once")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointView.class)))
    @APIResponse(responseCode = "400", description = "The body is not the JSON expected; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The URL is not https://, not public, or an event type is unknown; "
            + "nothing was stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(EndpointRequest request, UriInfo uri) {
        return callerHub.id().chain(hub -> endpoints.create(hub, request)).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build());
    }

    @GET
    @Operation(summary = "The hub's endpoints")
    @APIResponse(responseCode = "200", description = "The endpoints, oldest first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EndpointView.class)))
    public Uni<List<EndpointView>> list() {
        return callerHub.id().chain(endpoints::list);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One endpoint")
    @APIResponse(responseCode = "200", description = "The endpoint",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EndpointView> get(@PathParam("id") String id) {
        return callerHub.id().chain(hub -> endpoints.get(hub, id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an endpoint's URL, description, filter, or enable/disable it",
            description = "Enabling an endpoint the service disabled for failing clears its failing state; its waiting "
                    + "deliveries go out at once.")
    @APIResponse(responseCode = "200", description = "The endpoint as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A field is invalid; nothing was changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EndpointView> update(@PathParam("id") String id, EndpointPatch patch) {
        return callerHub.id().chain(hub -> endpoints.update(hub, id, patch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an endpoint; its pending deliveries are cancelled")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such endpoint for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") String id) {
        return callerHub.id().chain(hub -> endpoints.delete(hub, id)).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/secret/rotate")
    @Operation(summary = "Replace the signing secret",
            description = "The previous secret keeps signing beside the new one (two v1 signatures) until "
                    + "previous_secret_expires_at, then only the new one signs.")
    @APIResponse(responseCode = "200", description = "The new secret, shown only this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecretRotation.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SecretRotation> rotate(@PathParam("id") String id) {
        return callerHub.id().chain(hub -> endpoints.rotate(hub, id));
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a webhook.test event to this endpoint only")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TestMessage.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> test(@PathParam("id") String id) {
        return callerHub.id().chain(hub -> endpoints.test(hub, id)).map(m -> Response.accepted(m).build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log, newest first, with every attempt")
    @APIResponse(responseCode = "200", description = "Deliveries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<DeliveryView>> deliveries(@PathParam("id") String id,
            @Parameter(description = "pending, delivered, failed or cancelled") @QueryParam("status") String status,
            @Parameter(description = "Deliveries created at or after this ISO-8601 instant") @QueryParam("since") String since,
            @Parameter(description = "1 to 100, default 50") @QueryParam("limit") Integer limit) {
        return callerHub.id().chain(hub -> endpoints.deliveries(hub, id, status, since, limit));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @Operation(summary = "Send one delivery again now, with the same webhook-id")
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "404", description = "No such delivery for this endpoint of your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return callerHub.id().chain(hub -> endpoints.replay(hub, id, deliveryId)).map(v -> Response.accepted().build());
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send every message of the hub since a time to this endpoint again",
            description = "Its deliveries of those messages are queued again (same webhook-id); messages it never got "
                    + "and its filter takes get a delivery.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReplaySince.Replayed.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "since is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replaySince(@PathParam("id") String id, ReplaySince request) {
        return callerHub.id().chain(hub -> endpoints.replaySince(hub, id, request)).map(n -> Response.accepted(n).build());
    }
}

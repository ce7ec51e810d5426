package com.bsp.onboarding.partnerwebhooks.endpoints;

import com.bsp.onboarding.http.auth.CallerHub;
import com.bsp.onboarding.http.openapi.ApiKeySecuritySchemes;
import com.bsp.onboarding.http.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/messages")
@Authenticated
@Tag(name = "Endpoints")
@SecurityRequirement(name = ApiKeySecuritySchemes.HUB_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class MessageDeliveryResource {

    private final EndpointService endpoints;
    private final CallerHub callerHub;

    public MessageDeliveryResource(EndpointService endpoints, CallerHub callerHub) {
        this.endpoints = endpoints;
        this.callerHub = callerHub;
    }

    @GET
    @Path("/{messageId}/deliveries")
    @Operation(summary = "One event's deliveries across the hub's endpoints, with every attempt")
    @APIResponse(responseCode = "200", description = "Deliveries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such message for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<DeliveryView>> deliveries(@PathParam("messageId") String messageId) {
        return callerHub.id().chain(hub -> endpoints.deliveriesOfMessage(hub, messageId));
    }
}

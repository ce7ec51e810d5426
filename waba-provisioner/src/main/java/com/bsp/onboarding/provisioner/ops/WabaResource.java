package com.bsp.onboarding.provisioner.ops;

import com.bsp.onboarding.http.auth.ApiKeyIdentityProvider;
import com.bsp.onboarding.http.openapi.ApiKeySecuritySchemes;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import com.bsp.onboarding.provisioner.runner.WorkflowRunner;
import com.bsp.onboarding.provisioner.waba.OpsProvisioning;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Ops API: internal only (the provisioner is not reachable from outside the cluster), and only for a key of
 * {@code provisioner.ops.api-key-sha256} (role {@value ApiKeyIdentityProvider#OPS_ROLE}): 401 without one.
 */
@Path("/v1")
@RolesAllowed(ApiKeyIdentityProvider.OPS_ROLE)
@SecurityRequirement(name = ApiKeySecuritySchemes.OPS_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ops")
public class WabaResource {

    private final OpsQueries queries;
    private final OpsProvisioning provisioning;
    private final WorkflowRunner runner;

    public WabaResource(OpsQueries queries, OpsProvisioning provisioning, WorkflowRunner runner) {
        this.queries = queries;
        this.provisioning = provisioning;
        this.runner = runner;
    }

    @GET
    @Path("/wabas/{wabaId}")
    @Operation(summary = "A WABA's provisioning state and each step with time and outcome")
    @APIResponse(responseCode = "404", description = "Unknown WABA")
    public Uni<WabaView> waba(@PathParam("wabaId") String wabaId) {
        return queries.waba(wabaId);
    }

    @GET
    @Path("/wabas")
    @Operation(summary = "WABAs, optionally of one status (e.g. failed), most recently changed first")
    @APIResponse(responseCode = "400", description = "Unknown status or limit out of range")
    public Uni<List<WabaView>> wabas(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        return Uni.createFrom().deferred(() -> queries.wabas(status, limit));
    }

    @POST
    @Path("/wabas/{wabaId}/retry")
    @Operation(summary = "Retry a failed WABA from its failed step, once its cause is fixed")
    @APIResponse(responseCode = "404", description = "Unknown WABA")
    @APIResponse(responseCode = "409", description = "The WABA is not failed")
    public Uni<WabaView> retry(@PathParam("wabaId") String wabaId) {
        return queries.retryWaba(wabaId);
    }

    /** The body of {@code POST /v1/wabas/{id}/provision}. */
    public record ProvisionRequest(String hubId) {
    }

    @POST
    @Path("/wabas/{wabaId}/provision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start provisioning a WABA onboarded by webhook alone (awaiting_ops), with its hub's System User token",
            description = "The body may name the hub (hub_id); it must when the webhook could not tell it.")
    @APIResponse(responseCode = "400", description = "No hub named where one is needed, or an unknown hub")
    @APIResponse(responseCode = "404", description = "Unknown WABA")
    @APIResponse(responseCode = "409", description = "The WABA is not awaiting ops")
    public Uni<WabaView> provision(@PathParam("wabaId") String wabaId, ProvisionRequest request) {
        return provisioning.provision(wabaId, request == null ? null : request.hubId()).invoke(runner::wake)
                .chain(() -> queries.waba(wabaId));
    }

    @GET
    @Path("/channels/{partnerId}/{channelId}")
    @Operation(summary = "A 360Dialog channel's provisioning state")
    @APIResponse(responseCode = "404", description = "Unknown channel")
    public Uni<ChannelView> channel(@PathParam("partnerId") String partnerId, @PathParam("channelId") String channelId) {
        return queries.channel(partnerId, channelId);
    }

    @POST
    @Path("/channels/{partnerId}/{channelId}/retry")
    @Operation(summary = "Retry a failed channel")
    @APIResponse(responseCode = "409", description = "The channel is not failed")
    public Uni<ChannelView> retryChannel(@PathParam("partnerId") String partnerId, @PathParam("channelId") String channelId) {
        return queries.retryChannel(partnerId, channelId);
    }
}

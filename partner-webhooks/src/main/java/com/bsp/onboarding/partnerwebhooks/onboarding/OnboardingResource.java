package com.bsp.onboarding.partnerwebhooks.onboarding;

import com.bsp.onboarding.http.auth.CallerHub;
import com.bsp.onboarding.http.openapi.ApiKeySecuritySchemes;
import com.bsp.onboarding.http.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/onboardings")
@Authenticated
@Tag(name = "Onboardings", description = "One view of an onboarding for both routes, with the webhooks it produced")
@SecurityRequirement(name = ApiKeySecuritySchemes.HUB_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class OnboardingResource {

    private final OnboardingReader onboardings;
    private final CallerHub callerHub;

    public OnboardingResource(OnboardingReader onboardings, CallerHub callerHub) {
        this.onboardings = onboardings;
        this.callerHub = callerHub;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An onboarding: its status, ids, channels and the timeline of its webhooks",
            description = "The id is the one your first call returned: a link id, a signup session id, or a signup id. "
                    + "This follows events, so it may lag them by a moment.")
    @APIResponse(responseCode = "200", description = "The onboarding",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OnboardingView.class)))
    @APIResponse(responseCode = "404", description = "No such onboarding for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OnboardingView> get(@PathParam("id") String id) {
        return callerHub.id().chain(hub -> onboardings.find(hub, id))
                .map(found -> found.orElseThrow(() -> Problem.notFound("No onboarding with this id exists for your hub.")
                        .exception()));
    }

    @GET
    @Operation(summary = "Your onboardings, newest first, by your reference or status",
            description = "Without a timeline: GET one onboarding for it.")
    @APIResponse(responseCode = "200", description = "A page of onboardings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OnboardingPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OnboardingPage> list(
            @Parameter(description = "Only onboardings with this reference of yours") @QueryParam("partner_reference") String partnerReference,
            @Parameter(description = "Only onboardings with this status", schema = @Schema(enumeration = {"started",
                    "cancelled", "errored", "completed", "provisioning_failed", "provisioned", "offboarded"}))
            @QueryParam("status") String status,
            @Parameter(description = "Page size, 1 to 100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "next_after of the previous page") @QueryParam("after") String after) {
        return Uni.createFrom().item(() -> OnboardingQuery.of(partnerReference, status, limit, after))
                .chain(query -> callerHub.id().chain(hub -> onboardings.list(hub, query)));
    }
}

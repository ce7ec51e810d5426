package com.bsp.onboarding.token.signup;

import com.bsp.onboarding.http.auth.ApiKeyIdentityProvider;
import com.bsp.onboarding.http.auth.CallerHub;
import com.bsp.onboarding.http.openapi.ApiKeySecuritySchemes;
import com.bsp.onboarding.http.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
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

@Path("/v1/signups")
@Authenticated
@Tag(name = "Signups", description = "Partner-hosted Embedded Signup: code exchange and token custody")
@SecurityRequirement(name = ApiKeySecuritySchemes.HUB_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class SignupResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final SignupService signups;
    private final BusinessTokens businessTokens;
    private final CallerHub callerHub;

    public SignupResource(SignupService signups, BusinessTokens businessTokens, CallerHub callerHub) {
        this.signups = signups;
        this.businessTokens = businessTokens;
        this.callerHub = callerHub;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange an Embedded Signup code at once and keep the business token sealed")
    @APIResponse(responseCode = "201", description = "Exchanged, scope confirmed, token stored sealed",
            content = @Content(schema = @Schema(implementation = SignupResponse.class)))
    @APIResponse(responseCode = "200", description = "This code was completed before: the first result, no second exchange",
            content = @Content(schema = @Schema(implementation = SignupResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "waba-not-granted: the token does not manage the reported WABA",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "code-already-used, or exchange-in-progress",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "410", description = "code-expired", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "code-rejected by Meta", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "graph-unavailable: submit the same code again",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> submit(SignupRequest request, UriInfo uri) {
        var errors = SignupRequestValidator.errors(request);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(Problem.invalidParameters(errors).exception());
        }
        return callerHub.id().chain(hub -> signups.submit(hub, request)).map(outcome -> outcome.firstTime()
                ? Response.created(uri.getAbsolutePathBuilder().path(outcome.signup().id().toString()).build())
                        .entity(outcome.signup()).build()
                : Response.ok(outcome.signup()).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A completed signup of your hub (never the token)")
    @APIResponse(responseCode = "200", description = "The signup", content = @Content(schema = @Schema(implementation = SignupResponse.class)))
    @APIResponse(responseCode = "404", description = "No completed signup with this id for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> get(@PathParam("id") String id) {
        UUID signupId;
        try {
            signupId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(notFound().exception());
        }
        return callerHub.id().chain(hub -> signups.find(hub, signupId))
                .map(found -> found.map(s -> Response.ok(s).build()).orElseThrow(() -> notFound().exception()));
    }

    /**
     * Admits every hub key and lets {@link BusinessTokens} check the credentials permission and the Tech Provider flag itself,
     * rather than {@code @RolesAllowed(CREDENTIALS_ROLE)}: a refused read must be audited too, with the signup it asked for.
     */
    @GET
    @Path("/{id}/business-token")
    @RolesAllowed(ApiKeyIdentityProvider.HUB_ROLE)
    @Operation(summary = "A completed signup's business token, for a Tech Provider hub's credentials key",
            description = "Every read and refusal is audited by a credential-read event on signups.events.v1 (never the token).")
    @APIResponse(responseCode = "200", description = "The token (Cache-Control: no-store)",
            content = @Content(schema = @Schema(implementation = BusinessToken.class)))
    @APIResponse(responseCode = "403", description = "An ordinary key (no credentials permission), or a hub that is not a Tech Provider",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No completed signup with this id for your hub",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> businessToken(@PathParam("id") String id) {
        return callerHub.caller().chain(caller -> businessTokens.read(caller, id))
                .map(token -> Response.ok(token).cacheControl(NO_STORE).build());
    }

    private static Problem notFound() {
        return Problem.notFound("No completed signup with this id exists for your hub.");
    }
}

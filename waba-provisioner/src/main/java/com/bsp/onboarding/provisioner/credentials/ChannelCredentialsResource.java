package com.bsp.onboarding.provisioner.credentials;

import com.bsp.onboarding.http.auth.ApiKeyIdentityProvider;
import com.bsp.onboarding.http.auth.CallerHub;
import com.bsp.onboarding.http.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The hub-facing credential hand-off: a provisioned channel's API key, for a hub key with the credentials permission.
 *
 * <p>The endpoints admit every hub key (role {@value ApiKeyIdentityProvider#HUB_ROLE}) and {@link ChannelCredentials}
 * checks the credentials role itself, rather than {@code @RolesAllowed(CREDENTIALS_ROLE)}: a refused read must be audited
 * too, with the channel it asked for, in this service's outbox. The framework's refusal happens before any of this
 * service's code runs, and a global exception mapper would have to dig the channel out of the request path. A request
 * without a key still gets 401 and an ops key 403 from the framework.
 */
@Path("/v1")
@RolesAllowed(ApiKeyIdentityProvider.HUB_ROLE)
@SecurityScheme(securitySchemeName = "hubCredentialsKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A hub's credentials key (provisioner.hubs.<hub>.credentials-api-key-sha256), as 'Authorization: Bearer <key>'")
@SecurityRequirement(name = "hubCredentialsKey")
@APIResponse(responseCode = "401", description = "No hub key, or an unknown one", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "A hub key without the credentials permission (the refusal is audited)",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "404", description = "No channel of your hub with this id", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "409", description = "channel-not-provisioned: the channel has no key to hand out yet",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials", description = "Channel API keys handed to their hub; every read audited (credential-read events)")
public class ChannelCredentialsResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final ChannelCredentials credentials;
    private final CallerHub callerHub;

    public ChannelCredentialsResource(ChannelCredentials credentials, CallerHub callerHub) {
        this.credentials = credentials;
        this.callerHub = callerHub;
    }

    @GET
    @Path("/channels/{channelId}/api-key")
    @Operation(summary = "A provisioned channel's current 360Dialog API key")
    @APIResponse(responseCode = "200", description = "The key (Cache-Control: no-store)",
            content = @Content(schema = @Schema(implementation = ChannelApiKey.class)))
    public Uni<Response> apiKey(@PathParam("channelId") String channelId) {
        return callerHub.caller().chain(caller -> credentials.read(caller, channelId)).map(ChannelCredentialsResource::noStore);
    }

    @POST
    @Path("/channels/{channelId}/api-key/rotate")
    @Operation(summary = "Generate a new API key for the channel at 360Dialog, revoking the current one",
            description = "Announced by a channel-credentials-rotated event (without the key); the answer is the only copy handed out with it.")
    @APIResponse(responseCode = "200", description = "The new key (Cache-Control: no-store)",
            content = @Content(schema = @Schema(implementation = ChannelApiKey.class)))
    @APIResponse(responseCode = "502", description = "rotation-failed (360Dialog made no key, or its answer was lost) or "
            + "webhook-not-restored (the new key is stored; its webhook could not be set)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<Response> rotate(@PathParam("channelId") String channelId) {
        return callerHub.caller().chain(caller -> credentials.rotate(caller, channelId)).map(ChannelCredentialsResource::noStore);
    }

    private static Response noStore(ChannelApiKey key) {
        return Response.ok(key).cacheControl(NO_STORE).build();
    }
}

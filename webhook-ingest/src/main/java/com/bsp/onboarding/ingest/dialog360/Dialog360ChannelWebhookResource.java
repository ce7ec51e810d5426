package com.bsp.onboarding.ingest.dialog360;

import com.bsp.onboarding.contracts.crypto.ChannelWebhookAuth;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.ingest.IngestConfig;
import com.bsp.onboarding.ingest.IngestConfig.Dialog360Hub;
import com.bsp.onboarding.ingest.problem.Problems;
import com.bsp.onboarding.ingest.raw.WebhookIntake;
import com.bsp.onboarding.ingest.raw.WebhookIntake.RawWebhook;
import com.bsp.onboarding.ingest.signature.ConstantTime;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A 360Dialog channel's messaging webhooks (Cloud API shaped: messages and statuses). waba-provisioner
 * points each onboarded channel's webhook here ({@code POST /v1/configs/webhook} of 360Dialog's
 * messaging API) with a channel auth header whose value is derived from the hub's channel auth key, the
 * partner id and the channel id ({@link ChannelWebhookAuth}): one channel's value (which its API key can read
 * back from its webhook config) authenticates no other channel. These webhooks are not signed: that header is
 * their only authentication, so a hub without a configured key has no channel route at all (404).
 * They are stored on the raw topic like every other webhook; the typed stage leaves them there.
 */
@Path("/webhooks/360dialog/{partnerId}/channels/{channelId}")
@Tag(name = "360Dialog webhooks")
public class Dialog360ChannelWebhookResource {

    /**
     * What a channel id may look like: URL-safe characters only, so it needs no escaping, cannot
     * smuggle a separator into the content-derived id, and stays a short header.
     */
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    private final WebhookIntake intake;
    private final Map<String, Dialog360Hub> hubs;

    public Dialog360ChannelWebhookResource(WebhookIntake intake, IngestConfig config) {
        this.intake = intake;
        this.hubs = config.dialog360().values().stream()
                .collect(Collectors.toUnmodifiableMap(Dialog360Hub::partnerId, hub -> hub));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A 360Dialog channel's messaging webhook; 200 only once it is durably in Kafka",
            description = "Authenticated by the channel auth header (ingest.dialog360.<hub>.channel-auth-header, "
                    + "default X-Channel-Auth), whose value is derived per channel from the hub's channel auth key and "
                    + "which waba-provisioner sets on the channel's webhook; these webhooks "
                    + "are not signed. Stored on webhooks.raw.v1 with webhook-source 360dialog-channel; no typed event "
                    + "is derived.")
    @APIResponse(responseCode = "200", description = "Stored")
    @APIResponse(responseCode = "401", description = "Missing or wrong channel auth header; nothing stored")
    @APIResponse(responseCode = "404", description = "No hub with this partner id, no channel auth configured for it, "
            + "or not a channel id")
    @APIResponse(responseCode = "413", description = "Body over 3 MB")
    @APIResponse(responseCode = "503", description = "Kafka could not take it in time; retry (Retry-After)")
    public Uni<Response> receive(
            @Parameter(description = "The 360Dialog partner id of the hub") @PathParam("partnerId") String partnerId,
            @Parameter(description = "The 360Dialog channel id whose webhook this is") @PathParam("channelId") String channelId,
            byte[] body, @Context HttpHeaders headers) {
        String source = RawWebhookHeaders.SOURCE_360DIALOG_CHANNEL;
        intake.received(source);
        Dialog360Hub hub = hubs.get(partnerId);
        if (hub == null) {
            return Uni.createFrom().item(intake.rejected(source, "unknown_partner",
                    Problems.notFound("No 360Dialog hub is configured for this partner id")));
        }
        List<String> keys = Stream.of(hub.channelAuthKey(), hub.previousChannelAuthKey()).flatMap(Optional::stream)
                .filter(key -> !key.isBlank()).toList();
        String legacy = hub.channelAuthValue().filter(value -> !value.isBlank()).orElse(null);
        if (keys.isEmpty() && legacy == null) {
            return Uni.createFrom().item(intake.rejected(source, "channel_auth_not_configured",
                    Problems.notFound("No 360Dialog channel webhooks are configured for this partner id")));
        }
        if (!CHANNEL_ID.matcher(channelId).matches()) {
            return Uni.createFrom().item(intake.rejected(source, "malformed_channel_id",
                    Problems.notFound("The path does not name a 360Dialog channel")));
        }
        String presented = headers.getHeaderString(hub.channelAuthHeader());
        boolean derived = ChannelWebhookAuth.matches(presented, partnerId, channelId, keys);
        if (!derived && !(legacy != null && ConstantTime.equals(presented, legacy))) {
            return Uni.createFrom().item(intake.rejected(source, "channel_auth",
                    Problems.unauthorized("The channel authentication header is missing or wrong")));
        }
        return intake.accept(new RawWebhook(source, partnerId, channelId, null, body == null ? new byte[0] : body,
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), null, headers.getHeaderString(HttpHeaders.USER_AGENT),
                Instant.now()));
    }
}

package com.bsp.onboarding.provisioner.dialog360;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** 360Dialog's Partner API (base {@code https://hub.360dialog.io/api/v2}). */
@RegisterRestClient(configKey = "dialog360-partner")
public interface PartnerApi {

    /** Generates the channel's API key; it revokes the channel's older keys. */
    @POST
    @Path("/partners/{partnerId}/channels/{channelId}/api_keys")
    Uni<Response> createApiKey(@PathParam("partnerId") String partnerId, @PathParam("channelId") String channelId,
            @HeaderParam("X-API-Key") String partnerApiKey);
}

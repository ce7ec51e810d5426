package com.bsp.onboarding.provisioner.dialog360;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** 360Dialog's per-channel messaging API (base {@code https://waba-v2.360dialog.io}). */
@RegisterRestClient(configKey = "dialog360-messaging")
public interface MessagingApi {

    @POST
    @Path("/v1/configs/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> setWebhook(@HeaderParam("D360-API-KEY") String channelApiKey, String body);
}

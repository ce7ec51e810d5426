package com.bsp.onboarding.providers.dialog360;

import com.bsp.onboarding.providers.ProviderErrorMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** 360Dialog's per-channel messaging API (reference §1.5, base {@code https://waba-v2.360dialog.io}). */
@RegisterRestClient(configKey = "dialog360-messaging")
@RegisterProvider(ProviderErrorMapper.class)
public interface MessagingApi {

    @POST
    @Path("/v1/configs/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> setWebhook(@HeaderParam("D360-API-KEY") String channelApiKey, WebhookConfig config);
}

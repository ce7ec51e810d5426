package com.bsp.onboarding.providers.dialog360;

import com.bsp.onboarding.providers.ProviderErrorMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** 360Dialog's Partner API (reference §1.5, base {@code https://hub.360dialog.io/api/v2}). */
@RegisterRestClient(configKey = "dialog360-partner")
@RegisterProvider(ProviderErrorMapper.class)
@Produces(MediaType.APPLICATION_JSON)
public interface PartnerApi {

    /** Generates the channel's API key; it revokes the channel's older keys. */
    @POST
    @Path("/partners/{partnerId}/channels/{channelId}/api_keys")
    Uni<ChannelApiKeys> createApiKey(@PathParam("partnerId") String partnerId, @PathParam("channelId") String channelId,
            @HeaderParam("X-API-Key") String partnerApiKey);

    /** Creates an empty client for a customer whose Embedded Signup the partner hosts. */
    @POST
    @Path("/partners/{partnerId}/account_sharing/clients")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<AccountSharing.Client> createAccountSharingClient(@PathParam("partnerId") String partnerId, AccountSharing.NewClient client,
            @HeaderParam("X-API-Key") String partnerApiKey);

    /** Hands the WABA shared with the partner's solution to 360Dialog, which makes its number a channel of the client. */
    @POST
    @Path("/partners/{partnerId}/account_sharing/numbers")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<AccountSharing.NumberAccepted> handOverNumber(@PathParam("partnerId") String partnerId, AccountSharing.NumberHandOver number,
            @HeaderParam("X-API-Key") String partnerApiKey);

    /** The partner's clients; {@code filters} is 360Dialog's JSON filter object, e.g. {@code {"name":"..."}}. */
    @GET
    @Path("/partners/{partnerId}/clients")
    Uni<AccountSharing.Clients> clients(@PathParam("partnerId") String partnerId, @QueryParam("filters") String filters,
            @HeaderParam("X-API-Key") String partnerApiKey);
}

package com.bsp.onboarding.providers.graph;

import com.bsp.onboarding.providers.ProviderErrorMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/**
 * Meta's Graph API (reference §2.2, §2.3, §3.3): the Embedded Signup code exchange and the provisioning calls.
 * Error answers fail with {@link com.bsp.onboarding.providers.ProviderException}. Base URL and timeouts are
 * the service's {@code quarkus.rest-client.graph.*}; {@code authorization} is {@code Bearer <token>}.
 */
@RegisterRestClient(configKey = "graph")
@RegisterProvider(ProviderErrorMapper.class)
@Path("/{version}")
@Produces(MediaType.APPLICATION_JSON)
public interface GraphApi {

    @GET
    @Path("/oauth/access_token")
    Uni<GraphRecords.AccessToken> exchangeCode(@PathParam("version") String version, @QueryParam("client_id") String appId,
            @QueryParam("client_secret") String appSecret, @QueryParam("code") String code);

    @GET
    @Path("/debug_token")
    Uni<GraphRecords.DebugToken> debugToken(@PathParam("version") String version, @QueryParam("input_token") String inputToken,
            @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/{waba}/subscribed_apps")
    Uni<GraphRecords.Success> subscribeApp(@PathParam("version") String version, @PathParam("waba") String waba,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{waba}/subscribed_apps")
    Uni<GraphRecords.Page<GraphRecords.SubscribedApp>> subscribedApps(@PathParam("version") String version,
            @PathParam("waba") String waba, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{business}/extendedcredits")
    Uni<GraphRecords.Page<GraphRecords.Node>> creditLines(@PathParam("version") String version,
            @PathParam("business") String business, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/{creditLine}/whatsapp_credit_sharing_and_attach")
    Uni<GraphRecords.CreditSharing> shareCreditLine(@PathParam("version") String version, @PathParam("creditLine") String creditLine,
            @QueryParam("waba_id") String waba, @QueryParam("waba_currency") String currency,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{creditLine}/owning_credit_allocation_configs")
    Uni<GraphRecords.Page<GraphRecords.Node>> allocations(@PathParam("version") String version,
            @PathParam("creditLine") String creditLine, @QueryParam("receiving_business_id") String business,
            @HeaderParam("Authorization") String authorization);

    /** A node's fields: an allocation config's receiving_credential, a WABA's primary_funding_id or namespace. */
    @GET
    @Path("/{id}")
    Uni<GraphRecords.Node> fields(@PathParam("version") String version, @PathParam("id") String id,
            @QueryParam("fields") String fields, @HeaderParam("Authorization") String authorization);

    @DELETE
    @Path("/{id}")
    Uni<GraphRecords.Success> delete(@PathParam("version") String version, @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{waba}/phone_numbers")
    Uni<GraphRecords.Page<GraphRecords.PhoneNumber>> phoneNumbers(@PathParam("version") String version,
            @PathParam("waba") String waba, @QueryParam("fields") String fields, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/{phone}/register")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<GraphRecords.Success> register(@PathParam("version") String version, @PathParam("phone") String phone,
            GraphRecords.Register body, @HeaderParam("Authorization") String authorization);

    /** Coexistence (reference §3.3): asks Meta to sync a WhatsApp Business app number's contacts or history, once each. */
    @POST
    @Path("/{phone}/smb_app_data")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<GraphRecords.AppDataSyncRequest> syncAppData(@PathParam("version") String version, @PathParam("phone") String phone,
            GraphRecords.AppDataSync body, @HeaderParam("Authorization") String authorization);
}

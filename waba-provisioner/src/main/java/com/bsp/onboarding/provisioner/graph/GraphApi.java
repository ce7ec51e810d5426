package com.bsp.onboarding.provisioner.graph;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The Graph API calls of provisioning. Responses come back raw: {@link GraphClient} reads Meta's error bodies. */
@RegisterRestClient(configKey = "graph")
@Path("/{version}")
public interface GraphApi {

    @POST
    @Path("/{waba}/subscribed_apps")
    Uni<Response> subscribeApp(@PathParam("version") String version, @PathParam("waba") String waba,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{waba}/subscribed_apps")
    Uni<Response> subscribedApps(@PathParam("version") String version, @PathParam("waba") String waba,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{business}/extendedcredits")
    Uni<Response> creditLines(@PathParam("version") String version, @PathParam("business") String business,
            @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/{creditLine}/whatsapp_credit_sharing_and_attach")
    Uni<Response> shareCreditLine(@PathParam("version") String version, @PathParam("creditLine") String creditLine,
            @QueryParam("waba_id") String waba, @QueryParam("waba_currency") String currency,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{creditLine}/owning_credit_allocation_configs")
    Uni<Response> allocations(@PathParam("version") String version, @PathParam("creditLine") String creditLine,
            @QueryParam("receiving_business_id") String business, @HeaderParam("Authorization") String authorization);

    /** A node's fields: an allocation config's receiving_credential, a WABA's primary_funding_id or namespace. */
    @GET
    @Path("/{id}")
    Uni<Response> fields(@PathParam("version") String version, @PathParam("id") String id, @QueryParam("fields") String fields,
            @HeaderParam("Authorization") String authorization);

    @DELETE
    @Path("/{id}")
    Uni<Response> delete(@PathParam("version") String version, @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{waba}/phone_numbers")
    Uni<Response> phoneNumbers(@PathParam("version") String version, @PathParam("waba") String waba,
            @QueryParam("fields") String fields, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/{phone}/register")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> register(@PathParam("version") String version, @PathParam("phone") String phone, String body,
            @HeaderParam("Authorization") String authorization);
}

package com.bsp.onboarding.token.graph;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The two Graph API calls of a signup. Responses come back raw, so {@link GraphClient} reads Meta's
 * error bodies itself (the default mapping would throw them away).
 */
@RegisterRestClient(configKey = "graph")
@Path("/{version}")
public interface GraphApi {

    @GET
    @Path("/oauth/access_token")
    Uni<Response> exchangeCode(@PathParam("version") String version, @QueryParam("client_id") String appId,
            @QueryParam("client_secret") String appSecret, @QueryParam("code") String code);

    @GET
    @Path("/debug_token")
    Uni<Response> debugToken(@PathParam("version") String version, @QueryParam("input_token") String inputToken,
            @HeaderParam("Authorization") String authorization);
}

package com.bsp.onboarding.ingest.meta;

import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.ingest.problem.Problems;
import com.bsp.onboarding.ingest.raw.WebhookIntake;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Meta's webhook callbacks: {@code /webhooks/meta} for the single app of {@code ingest.meta}, and
 * {@code /webhooks/meta/{appId}} for each app of {@code ingest.meta-apps}, each verified with its own
 * app's verify token and secret(s) ({@link MetaCallback}).
 */
@Path("/webhooks/meta")
@Tag(name = "Meta webhooks")
public class MetaWebhookResource {

    private static final String APP_ID = "appId";

    private final WebhookIntake intake;
    private final MetaCallbacks callbacks;

    public MetaWebhookResource(WebhookIntake intake, MetaCallbacks callbacks) {
        this.intake = intake;
        this.callbacks = callbacks;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's verification handshake: answers the bare hub.challenge when hub.verify_token matches")
    @APIResponse(responseCode = "200", description = "The challenge, as plain text")
    @APIResponse(responseCode = "403", description = "Wrong mode or verify token")
    @APIResponse(responseCode = "404", description = "No single Meta app is configured (ingest.meta)")
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        return handshake(callbacks.single(), mode, token, challenge);
    }

    @GET
    @Path("/{appId}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "One Meta app's verification handshake, with that app's verify token")
    @APIResponse(responseCode = "200", description = "The challenge, as plain text")
    @APIResponse(responseCode = "403", description = "Wrong mode or verify token")
    @APIResponse(responseCode = "404", description = "No Meta app with this id")
    public Response verifyApp(@PathParam(APP_ID) String appId, @QueryParam("hub.mode") String mode,
            @QueryParam("hub.verify_token") String token, @QueryParam("hub.challenge") String challenge) {
        return handshake(callbacks.ofApp(appId), mode, token, challenge);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A signed Meta webhook; 200 only once it is durably in Kafka")
    @APIResponse(responseCode = "200", description = "Stored")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Hub-Signature-256; nothing stored")
    @APIResponse(responseCode = "404", description = "No single Meta app is configured (ingest.meta); nothing stored")
    @APIResponse(responseCode = "413", description = "Body over 3 MB")
    @APIResponse(responseCode = "503", description = "Kafka could not take it in time; retry (Retry-After)")
    public Uni<Response> receive(byte[] body, @HeaderParam(MetaCallback.SIGNATURE_HEADER) String signature,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return deliver(callbacks.single(), body, signature, contentType, userAgent);
    }

    @POST
    @Path("/{appId}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A Meta webhook signed with this app's secret; 200 only once it is durably in Kafka")
    @APIResponse(responseCode = "200", description = "Stored, with the app id")
    @APIResponse(responseCode = "401", description = "Missing X-Hub-Signature-256, or not made with this app's secret; nothing stored")
    @APIResponse(responseCode = "404", description = "No Meta app with this id; nothing stored")
    @APIResponse(responseCode = "413", description = "Body over 3 MB")
    @APIResponse(responseCode = "503", description = "Kafka could not take it in time; retry (Retry-After)")
    public Uni<Response> receiveApp(@PathParam(APP_ID) String appId, byte[] body,
            @HeaderParam(MetaCallback.SIGNATURE_HEADER) String signature, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return deliver(callbacks.ofApp(appId), body, signature, contentType, userAgent);
    }

    private static Response handshake(Optional<MetaCallback> callback, String mode, String token, String challenge) {
        return callback.map(app -> app.handshake(mode, token, challenge)).orElseGet(MetaWebhookResource::unknownApp);
    }

    private Uni<Response> deliver(Optional<MetaCallback> callback, byte[] body, String signature, String contentType,
            String userAgent) {
        intake.received(RawWebhookHeaders.SOURCE_META);
        if (callback.isEmpty()) {
            return Uni.createFrom().item(intake.rejected(RawWebhookHeaders.SOURCE_META, "unknown_app", unknownApp()));
        }
        return callback.get().receive(intake, body, signature, contentType, userAgent);
    }

    private static Response unknownApp() {
        return Problems.notFound("No Meta app is configured for this callback");
    }
}

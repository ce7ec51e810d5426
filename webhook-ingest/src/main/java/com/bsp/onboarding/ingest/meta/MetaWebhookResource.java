package com.bsp.onboarding.ingest.meta;

import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.ingest.IngestConfig;
import com.bsp.onboarding.ingest.problem.Problems;
import com.bsp.onboarding.ingest.raw.WebhookIntake;
import com.bsp.onboarding.ingest.raw.WebhookIntake.RawWebhook;
import com.bsp.onboarding.ingest.signature.ConstantTime;
import com.bsp.onboarding.ingest.signature.HmacSha256Signatures;
import com.bsp.onboarding.ingest.signature.HmacSha256Signatures.Verdict;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Meta's webhook callback: the subscription handshake and the signed deliveries. */
@Path("/webhooks/meta")
@Tag(name = "Meta webhooks")
public class MetaWebhookResource {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private final WebhookIntake intake;
    private final HmacSha256Signatures signatures;
    private final String verifyToken;

    public MetaWebhookResource(WebhookIntake intake, IngestConfig config) {
        this.intake = intake;
        this.signatures = new HmacSha256Signatures(config.meta().appSecret(), config.meta().previousAppSecret());
        this.verifyToken = config.meta().verifyToken();
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's verification handshake: answers the bare hub.challenge when hub.verify_token matches")
    @APIResponse(responseCode = "200", description = "The challenge, as plain text")
    @APIResponse(responseCode = "403", description = "Wrong mode or verify token")
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        boolean tokenMatches = ConstantTime.equals(token, verifyToken);
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null || challenge.isEmpty()) {
            return Problems.verificationRefused("hub.mode or hub.verify_token is wrong");
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A signed Meta webhook; 200 only once it is durably in Kafka")
    @APIResponse(responseCode = "200", description = "Stored")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Hub-Signature-256; nothing stored")
    @APIResponse(responseCode = "413", description = "Body over 3 MB")
    @APIResponse(responseCode = "503", description = "Kafka could not take it in time; retry (Retry-After)")
    public Uni<Response> receive(byte[] body, @HeaderParam(SIGNATURE_HEADER) String signature,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        intake.received(RawWebhookHeaders.SOURCE_META);
        Verdict verdict = signatures.verify(signature, body == null ? new byte[0] : body);
        if (verdict != Verdict.VALID) {
            return Uni.createFrom().item(intake.rejected(RawWebhookHeaders.SOURCE_META, verdict.name().toLowerCase() + "_signature",
                    Problems.unauthorized("X-Hub-Signature-256 is " + verdict.name().toLowerCase())));
        }
        return intake.accept(new RawWebhook(RawWebhookHeaders.SOURCE_META, null, null, body, contentType, signature, userAgent,
                Instant.now()));
    }
}

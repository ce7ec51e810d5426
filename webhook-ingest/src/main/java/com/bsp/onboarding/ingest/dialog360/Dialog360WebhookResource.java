package com.bsp.onboarding.ingest.dialog360;

import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.ingest.IngestConfig;
import com.bsp.onboarding.ingest.IngestConfig.Dialog360Hub;
import com.bsp.onboarding.ingest.problem.Problems;
import com.bsp.onboarding.ingest.raw.WebhookIntake;
import com.bsp.onboarding.ingest.raw.WebhookIntake.RawWebhook;
import com.bsp.onboarding.ingest.signature.ConstantTime;
import com.bsp.onboarding.ingest.signature.HmacSha256Signatures;
import com.bsp.onboarding.ingest.signature.HmacSha256Signatures.Verdict;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 360Dialog partner webhooks, one URL per partner hub (the hub's Partner API webhook URL). */
@Path("/webhooks/360dialog/{partnerId}")
@Tag(name = "360Dialog webhooks")
public class Dialog360WebhookResource {

    static final String SIGNATURE_HEADER = "x-360dialog-signature";

    private final WebhookIntake intake;
    private final Map<String, Hub> hubs;

    record Hub(HmacSha256Signatures signatures, Dialog360Hub config) {
    }

    public Dialog360WebhookResource(WebhookIntake intake, IngestConfig config) {
        this.intake = intake;
        this.hubs = config.dialog360().values().stream().collect(Collectors.toUnmodifiableMap(Dialog360Hub::partnerId,
                hub -> new Hub(new HmacSha256Signatures(hub.platformSecret(), hub.previousPlatformSecret()), hub)));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A signed 360Dialog partner webhook; 200 only once it is durably in Kafka")
    @APIResponse(responseCode = "200", description = "Stored")
    @APIResponse(responseCode = "401", description = "Missing or wrong signature or custom auth header; nothing stored")
    @APIResponse(responseCode = "404", description = "No hub with this partner id")
    @APIResponse(responseCode = "413", description = "Body over 3 MB")
    @APIResponse(responseCode = "503", description = "Kafka could not take it in time; retry (Retry-After)")
    public Uni<Response> receive(@PathParam("partnerId") String partnerId, byte[] body,
            @HeaderParam(SIGNATURE_HEADER) String signature, @Context HttpHeaders headers) {
        String source = RawWebhookHeaders.SOURCE_360DIALOG;
        intake.received(source);
        Hub hub = hubs.get(partnerId);
        if (hub == null) {
            return Uni.createFrom().item(intake.rejected(source, "unknown_partner",
                    Problems.notFound("No 360Dialog hub is configured for this partner id")));
        }
        if (hub.config().customAuthHeader().isPresent()
                && !ConstantTime.equals(headers.getHeaderString(hub.config().customAuthHeader().get()),
                        hub.config().customAuthValue().orElse(null))) {
            return Uni.createFrom().item(intake.rejected(source, "custom_auth",
                    Problems.unauthorized("The partner's custom authentication header is missing or wrong")));
        }
        Verdict verdict = hub.signatures().verify(signature, body == null ? new byte[0] : body);
        if (verdict != Verdict.VALID) {
            return Uni.createFrom().item(intake.rejected(source, verdict.name().toLowerCase() + "_signature",
                    Problems.unauthorized(SIGNATURE_HEADER + " is " + verdict.name().toLowerCase())));
        }
        return intake.accept(new RawWebhook(source, partnerId, null, null, body, headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                signature, headers.getHeaderString(HttpHeaders.USER_AGENT), Instant.now()));
    }
}

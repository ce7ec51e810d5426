package com.bsp.onboarding.ingest.meta;

import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.ingest.problem.Problems;
import com.bsp.onboarding.ingest.raw.WebhookIntake;
import com.bsp.onboarding.ingest.raw.WebhookIntake.RawWebhook;
import com.bsp.onboarding.ingest.signature.ConstantTime;
import com.bsp.onboarding.ingest.signature.HmacSha256Signatures;
import com.bsp.onboarding.ingest.signature.HmacSha256Signatures.Verdict;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;

/**
 * One Meta app's webhook callback: the subscription handshake with the app's verify token, and deliveries
 * verified with the app's secret(s) over the raw body bytes (constant time). A webhook signed by another
 * app's secret is refused.
 */
final class MetaCallback {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    /** Null for the single-app route {@code /webhooks/meta}. */
    private final String appId;
    private final HmacSha256Signatures signatures;
    private final String verifyToken;

    MetaCallback(String appId, String appSecret, Optional<String> previousAppSecret, String verifyToken) {
        this.appId = appId;
        this.signatures = new HmacSha256Signatures(appSecret, previousAppSecret);
        if (verifyToken == null || verifyToken.isBlank()) {
            throw new IllegalStateException("A Meta verify token is empty" + (appId == null ? "" : " (app " + appId + ")"));
        }
        this.verifyToken = verifyToken;
    }

    /** Answers the bare {@code hub.challenge} when mode and verify token match; 403 otherwise. */
    Response handshake(String mode, String token, String challenge) {
        boolean tokenMatches = ConstantTime.equals(token, verifyToken);
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null || challenge.isEmpty()) {
            return Problems.verificationRefused("hub.mode or hub.verify_token is wrong");
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
    }

    /** 200 once the verified webhook is durably in Kafka; 401 (nothing stored) when the signature is not this app's. */
    Uni<Response> receive(WebhookIntake intake, byte[] body, String signature, String contentType, String userAgent) {
        byte[] bytes = body == null ? new byte[0] : body;
        Verdict verdict = signatures.verify(signature, bytes);
        if (verdict != Verdict.VALID) {
            String reason = verdict.name().toLowerCase();
            return Uni.createFrom().item(intake.rejected(RawWebhookHeaders.SOURCE_META, reason + "_signature",
                    Problems.unauthorized(SIGNATURE_HEADER + " is " + reason)));
        }
        return intake.accept(RawWebhook.meta(appId, bytes, contentType, signature, userAgent, Instant.now()));
    }
}

package com.bsp.onboarding.ingest.raw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An authentic webhook as received: the exact body bytes and the request headers that matter.
 *
 * @param source {@code meta}, {@code 360dialog} or {@code 360dialog-channel}
 * @param partnerId the 360Dialog partner id of the URL, null for Meta
 * @param channelId the 360Dialog channel id of the URL, for channel (messaging) webhooks only
 * @param signature the signature header as received; null for channel webhooks, which are not signed
 */
public record RawWebhook(String source, String partnerId, String channelId, byte[] body, String contentType,
        String signature, String userAgent, Instant receivedAt) {

    /**
     * Derived from the content, so a webhook delivered twice has one id: SHA-256 over source, partner,
     * channel (only where there is one, so the ids of the other sources are unchanged) and body.
     */
    public String id() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '|');
            if (partnerId != null) {
                sha.update(partnerId.getBytes(StandardCharsets.UTF_8));
            }
            sha.update((byte) '|');
            if (channelId != null) {
                sha.update(channelId.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '|');
            }
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package com.bsp.onboarding.partnerwebhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">},
 * one per valid secret, space-separated, so a receiver that knows either secret of a rotation verifies.
 */
public final class WebhookSigner {

    /** One Mac per thread: getInstance is a provider look-up, too slow for every request. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    });

    private WebhookSigner() {
    }

    /** @param keys the decoded HMAC keys of every secret signing now; never empty */
    public static String signatureHeader(String messageId, long timestampSeconds, String body, List<byte[]> keys) {
        byte[] content = (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(keys.size() * 48);
        for (byte[] key : keys) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, content)));
        }
        return header.toString();
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("An HMAC key of any length is valid", e);
        }
        return mac.doFinal(content);
    }
}

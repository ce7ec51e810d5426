package com.bsp.onboarding.sandbox.support;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signatures the tests compute independently of the sandbox's code. */
public final class Signatures {

    private Signatures() {
    }

    /** Lowercase hex HMAC-SHA256 of the raw bytes: Meta's X-Hub-Signature-256 (after "sha256=") and 360Dialog's. */
    public static String hmacSha256Hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(mac("HmacSHA256", secret, body));
    }

    /**
     * The IO signature exactly as link-service signs its links (link-service's
     * {@code com.bsp.onboarding.link.links.IoSignature}, hex encoding): HMAC-SHA512 of
     * {@code {partnerId}|{io_timestamp}} keyed with the hub's platform secret.
     */
    public static String ioSignature(String partnerId, long ioTimestampSeconds, String platformSecret) {
        return HexFormat.of().formatHex(mac("HmacSHA512", platformSecret,
                (partnerId + "|" + ioTimestampSeconds).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] mac(String algorithm, String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

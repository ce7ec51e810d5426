package com.bsp.onboarding.sandbox.hub;

import com.bsp.onboarding.sandbox.webhooks.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * 360Dialog's IO signature: HMAC-SHA512 of {@code {partnerId}|{io_timestamp}} under the hub's platform
 * secret, printed as lowercase hex by default (link-service can be set to base64, so both are read).
 */
final class IoSignatureCheck {

    private IoSignatureCheck() {
    }

    /** The signature's digest if it is valid for this partner, time and secret; compared in constant time. */
    static Optional<byte[]> verify(String partnerId, String ioTimestamp, String ioSignature, String platformSecret) {
        byte[] expected = Hmac.sha512(platformSecret, (partnerId + "|" + ioTimestamp).getBytes(StandardCharsets.UTF_8));
        Optional<byte[]> given = decode(ioSignature);
        return given.filter(digest -> MessageDigest.isEqual(expected, digest));
    }

    private static Optional<byte[]> decode(String signature) {
        String value = signature.strip();
        try {
            if (value.length() == 128) {
                return Optional.of(HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT)));
            }
            return Optional.of(Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

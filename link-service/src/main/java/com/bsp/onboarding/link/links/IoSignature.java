package com.bsp.onboarding.link.links;

import com.bsp.onboarding.link.LinkServiceConfig.SignatureEncoding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * 360Dialog's IO signature: HMAC-SHA512 over {@code {partnerId}|{io_timestamp}} keyed with the hub's
 * platform secret. Computed fresh for every link, because 360Dialog accepts each signature once; since it
 * covers only the partner and the second, each link of a partner gets a second of its own (SignatureClock).
 */
public final class IoSignature {

    private static final String ALGORITHM = "HmacSHA512";

    private IoSignature() {
    }

    public static String sign(String partnerId, long ioTimestampSeconds, byte[] platformSecret, SignatureEncoding encoding) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(platformSecret, ALGORITHM));
            byte[] digest = mac.doFinal((partnerId + "|" + ioTimestampSeconds).getBytes(StandardCharsets.UTF_8));
            return encoding == SignatureEncoding.BASE64
                    ? Base64.getEncoder().encodeToString(digest)
                    : HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every JDK", e);
        }
    }
}

package com.bsp.onboarding.sandbox.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMACs keyed with a configured secret: the webhook signatures and 360Dialog's IO signature. */
public final class Hmac {

    private Hmac() {
    }

    public static byte[] sha256(String secret, byte[] message) {
        return mac("HmacSHA256", secret, message);
    }

    public static byte[] sha512(String secret, byte[] message) {
        return mac("HmacSHA512", secret, message);
    }

    private static byte[] mac(String algorithm, String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}

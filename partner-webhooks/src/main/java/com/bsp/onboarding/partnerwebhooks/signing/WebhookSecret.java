package com.bsp.onboarding.partnerwebhooks.signing;

import java.security.SecureRandom;
import java.util.Base64;

/** An endpoint's signing secret as the hub sees it: {@code whsec_} + base64 of 32 random bytes. */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The HMAC key: the base64-decoded part after the prefix, as the Standard Webhooks libraries take it. */
    public static byte[] hmacKey(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}

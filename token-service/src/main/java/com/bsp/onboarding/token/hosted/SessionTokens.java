package com.bsp.onboarding.token.hosted;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Session tokens: 256 random bits in base64url, known to the database by their SHA-256 only. */
final class SessionTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    // 32 bytes are 43 base64url characters without padding.
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private SessionTokens() {
    }

    static String newToken() {
        return randomBase64Url(32);
    }

    /** A CSP nonce: fresh for every page, so an injected script cannot guess it. */
    static String newNonce() {
        return randomBase64Url(16);
    }

    /** Lets a malformed path segment be refused without a database round trip. */
    static boolean wellFormed(String token) {
        return token != null && WELL_FORMED.matcher(token).matches();
    }

    private static String randomBase64Url(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}

package com.bsp.onboarding.link.callback;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What keeps the callback's result pages inert: a Content-Security-Policy that allows no script, except on a
 * popup-mode page the one inline script carrying a fresh nonce; and the popup origin written into that script
 * as a JSON string literal that cannot end the script element.
 */
final class ResultPageSecurity {

    static final String HEADER = "Content-Security-Policy";
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResultPageSecurity() {
    }

    /** The policy of a page without script. */
    static String policy() {
        return POLICY;
    }

    /** The policy of a popup-mode page: only the inline script with {@code nonce} runs. */
    static String policyWithScript(String nonce) {
        return POLICY + "; script-src 'nonce-" + nonce + "'";
    }

    /** A fresh nonce for each page, so an injected script cannot guess it. */
    static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code value} as a JSON string literal, with {@code < > &} and the JS line separators escaped too. */
    static String jsonStringLiteral(String value) {
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(value))
                .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        return "\"" + escaped + "\"";
    }
}

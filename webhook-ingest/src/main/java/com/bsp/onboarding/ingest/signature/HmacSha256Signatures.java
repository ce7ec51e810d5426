package com.bsp.onboarding.ingest.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an HMAC-SHA256 signature over the raw body bytes against the current and, during a
 * rotation, the previous secret. The comparison is constant time; a Mac per thread avoids a provider
 * lookup per request on the event loop.
 */
public final class HmacSha256Signatures {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final List<ThreadLocal<Mac>> macs = new ArrayList<>(2);

    public HmacSha256Signatures(String secret, Optional<String> previousSecret) {
        macs.add(macFor(secret));
        previousSecret.filter(s -> !s.isBlank()).ifPresent(previous -> macs.add(macFor(previous)));
    }

    /**
     * @param header the signature header as received: lowercase or uppercase hex, with or without
     *     {@code sha256=}; null when the header was missing
     */
    public Verdict verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        byte[] presented = decode(header.strip());
        if (presented == null) {
            return Verdict.MALFORMED;
        }
        boolean matches = false;
        for (ThreadLocal<Mac> mac : macs) {
            // no early exit: the time taken does not tell which secret matched
            matches |= MessageDigest.isEqual(mac.get().doFinal(body), presented);
        }
        return matches ? Verdict.VALID : Verdict.MISMATCH;
    }

    public enum Verdict {
        VALID, MISSING, MALFORMED, MISMATCH
    }

    private static byte[] decode(String header) {
        String hex = header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? header.substring(PREFIX.length()) : header;
        if (hex.length() != 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ThreadLocal<Mac> macFor(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("A webhook signing secret is empty");
        }
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        return ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
    }
}

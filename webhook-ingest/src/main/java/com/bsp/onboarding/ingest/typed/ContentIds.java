package com.bsp.onboarding.ingest.typed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Event ids derived from content: the same webhook delivered again yields the same ids. */
final class ContentIds {

    private ContentIds() {
    }

    static String of(String... parts) {
        return of(null, 0, 0, parts);
    }

    /** SHA-256 over the parts, then {@code bytes[offset, offset + length)} (a slice of a body, not copied). */
    static String of(byte[] bytes, int offset, int length, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            if (bytes != null) {
                sha.update(bytes, offset, length);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

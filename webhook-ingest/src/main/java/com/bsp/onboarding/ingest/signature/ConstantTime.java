package com.bsp.onboarding.ingest.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Secret comparisons whose duration does not depend on where the inputs differ. */
public final class ConstantTime {

    private ConstantTime() {
    }

    public static boolean equals(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}

package com.bsp.onboarding.contracts.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of a 360Dialog channel's webhook auth header, derived per channel from a hub key that
 * waba-provisioner (which sets it on the channel's webhook) and webhook-ingest (which checks it) are both
 * configured with:
 * {@code base64url(HMAC-SHA256(hub key, "channel-webhook" NUL partnerId NUL channelId))}, unpadded.
 *
 * <p>A channel's API key can read its own webhook config, so it reveals that channel's value; without the hub
 * key, that value says nothing about any other channel's. The NUL separators keep {@code ("ab", "c")} and
 * {@code ("a", "bc")} apart.
 */
public final class ChannelWebhookAuth {

    private static final String LABEL = "channel-webhook";
    private static final String ALGORITHM = "HmacSHA256";

    private ChannelWebhookAuth() {
    }

    /** The header value of channel {@code channelId} of partner {@code partnerId} under {@code hubKey}. */
    public static String value(String hubKey, String partnerId, String channelId) {
        if (hubKey == null || hubKey.isBlank()) {
            throw new IllegalStateException("No channel webhook key is configured");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(hubKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] digest = mac.doFinal((LABEL + '\0' + partnerId + '\0' + channelId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Whether {@code presented} is the channel's value under any of {@code hubKeys} (the current key and, during a
     * rotation, the previous one), compared in constant time; every key is tried, whichever matches.
     */
    public static boolean matches(String presented, String partnerId, String channelId, Collection<String> hubKeys) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String key : hubKeys) {
            if (key != null && !key.isBlank()) {
                matched |= MessageDigest.isEqual(given, value(key, partnerId, channelId).getBytes(StandardCharsets.UTF_8));
            }
        }
        return matched;
    }
}

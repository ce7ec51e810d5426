package com.bsp.onboarding.contracts.crypto;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The transport keys of one purpose: a ring per hub, and a default ring for the hubs without one of their own.
 * What is sealed names its purpose, hub and record in its associated data ({@code business-token|<hub>|<signup
 * id>}, {@code channel-key|<hub>|<channel id>}), so it opens only as what it was sealed as: not under another hub's
 * ring, not as another hub's or another record's, and not as a secret of another purpose even where two purposes
 * share keys.
 *
 * <p>Rotation is {@link SecretSealer}'s, per ring: a new current key with the older ones still configured.
 *
 * <p>Values sealed before purposes and hubs were named carry only the record id as associated data. The default
 * ring still opens those (never a hub's own ring, whose keys are new), so events in flight across the upgrade are
 * not lost; this can go once nothing sealed that way can still arrive.
 */
public final class KeyRing {

    /** What a sealed value is, the first part of its associated data. */
    public enum Purpose {
        /** A Business Integration System User token, token-service to waba-provisioner (signup-completed). */
        BUSINESS_TOKEN("business-token"),
        /** A 360Dialog channel's API key, waba-provisioner to the partner platform (channel-provisioned). */
        CHANNEL_KEY("channel-key");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One ring's keys: the id sealing new values and every id that still opens (base64 of 32 random bytes). */
    public record Keys(String current, Map<String, String> keys) {
    }

    private final Purpose purpose;
    private final SecretSealer fallback;
    private final Map<String, SecretSealer> hubs;

    public KeyRing(Purpose purpose, Keys fallback, Map<String, Keys> hubs) {
        this.purpose = purpose;
        this.fallback = new SecretSealer(fallback.current(), fallback.keys());
        this.hubs = hubs.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> new SecretSealer(e.getValue().current(), e.getValue().keys())));
    }

    public Purpose purpose() {
        return purpose;
    }

    public EncryptedSecret seal(String hubId, String recordId, String secret) {
        return ring(hubId).seal(secret, associatedData(purpose, hubId, recordId));
    }

    /** @throws SecretSealer.SecretUnreadableException when it was not sealed as this purpose, hub and record */
    public String open(String hubId, String recordId, EncryptedSecret sealed) {
        SecretSealer ring = ring(hubId);
        try {
            return ring.open(sealed, associatedData(purpose, hubId, recordId));
        } catch (SecretSealer.SecretUnreadableException e) {
            if (ring != fallback) {
                throw e;
            }
            return fallback.open(sealed, recordId);
        }
    }

    public static String associatedData(Purpose purpose, String hubId, String recordId) {
        return purpose.label() + "|" + hubId + "|" + recordId;
    }

    private SecretSealer ring(String hubId) {
        return hubId == null ? fallback : hubs.getOrDefault(hubId, fallback);
    }
}

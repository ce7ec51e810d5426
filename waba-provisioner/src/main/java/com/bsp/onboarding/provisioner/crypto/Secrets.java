package com.bsp.onboarding.provisioner.crypto;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.KeyRing;
import com.bsp.onboarding.contracts.crypto.SecretSealer;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The key sets: storage keys seal what this service keeps (business tokens, PINs, channel keys); the
 * business-token transport rings open tokens from token-service, the channel-key transport rings seal channel
 * keys for the partner platform, each per hub and naming purpose, hub and record in the associated data.
 */
@ApplicationScoped
public class Secrets {

    private final SecretSealer storage;
    private final KeyRing businessTokens;
    private final KeyRing channelKeys;

    public Secrets(ProvisionerConfig config) {
        this.storage = new SecretSealer(config.storageKeys().current(), config.storageKeys().keys());
        this.businessTokens = ring(KeyRing.Purpose.BUSINESS_TOKEN, config.transportKeys());
        this.channelKeys = ring(KeyRing.Purpose.CHANNEL_KEY, config.channelKeyTransportKeys().orElse(config.transportKeys()));
    }

    public EncryptedSecret sealForStorage(String secret, String context) {
        return storage.seal(secret, context);
    }

    public String openFromStorage(EncryptedSecret sealed, String context) {
        return storage.open(sealed, context);
    }

    /** The business token of signup {@code signupId} of hub {@code hubId}, as token-service sealed it. */
    public String openBusinessToken(String hubId, String signupId, EncryptedSecret sealed) {
        return businessTokens.open(hubId, signupId, sealed);
    }

    /** Channel {@code channelId}'s API key, sealed for the partner platform. */
    public EncryptedSecret sealChannelKey(String hubId, String channelId, String apiKey) {
        return channelKeys.seal(hubId, channelId, apiKey);
    }

    private static KeyRing ring(KeyRing.Purpose purpose, ProvisionerConfig.TransportKeys keys) {
        Map<String, KeyRing.Keys> hubs = keys.hubs().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new KeyRing.Keys(e.getValue().current(), e.getValue().keys())));
        return new KeyRing(purpose, new KeyRing.Keys(keys.current(), keys.keys()), hubs);
    }
}

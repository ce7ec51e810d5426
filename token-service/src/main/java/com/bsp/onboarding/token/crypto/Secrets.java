package com.bsp.onboarding.token.crypto;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.KeyRing;
import com.bsp.onboarding.contracts.crypto.SecretSealer;
import com.bsp.onboarding.token.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The key sets, built once from the configuration: storage keys seal the business tokens this service keeps
 * (the signup id is the associated data), the business-token transport rings seal them for waba-provisioner per
 * hub, naming purpose, hub and signup in the associated data.
 */
@ApplicationScoped
public class Secrets {

    private final SecretSealer storage;
    private final KeyRing businessTokens;

    public Secrets(TokenServiceConfig config) {
        this.storage = new SecretSealer(config.storageKeys().current(), config.storageKeys().keys());
        TokenServiceConfig.TransportKeys transport = config.transportKeys();
        Map<String, KeyRing.Keys> hubs = transport.hubs().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new KeyRing.Keys(e.getValue().current(), e.getValue().keys())));
        this.businessTokens = new KeyRing(KeyRing.Purpose.BUSINESS_TOKEN, new KeyRing.Keys(transport.current(), transport.keys()), hubs);
    }

    public EncryptedSecret sealForStorage(String secret, String context) {
        return storage.seal(secret, context);
    }

    /** @throws SecretSealer.SecretUnreadableException when not sealed with a configured storage key and this context */
    public String openFromStorage(EncryptedSecret sealed, String context) {
        return storage.open(sealed, context);
    }

    /** The storage key new ciphertexts are sealed with; the others are waiting to be re-sealed. */
    public String currentStorageKeyId() {
        return storage.currentKeyId();
    }

    /** Signup {@code signupId}'s business token, sealed for waba-provisioner as hub {@code hubId}'s. */
    public EncryptedSecret sealBusinessToken(String hubId, String signupId, String token) {
        return businessTokens.seal(hubId, signupId, token);
    }
}

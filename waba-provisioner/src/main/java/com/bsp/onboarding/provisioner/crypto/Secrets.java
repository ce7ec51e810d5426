package com.bsp.onboarding.provisioner.crypto;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.SecretSealer;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The two key sets: storage keys seal what this service keeps (business tokens, PINs, channel keys);
 * transport keys open tokens from token-service and seal channel keys for the partner platform.
 */
@ApplicationScoped
public class Secrets {

    private final SecretSealer storage;
    private final SecretSealer transport;

    public Secrets(ProvisionerConfig config) {
        this.storage = new SecretSealer(config.storageKeys().current(), config.storageKeys().keys());
        this.transport = new SecretSealer(config.transportKeys().current(), config.transportKeys().keys());
    }

    public EncryptedSecret sealForStorage(String secret, String context) {
        return storage.seal(secret, context);
    }

    public String openFromStorage(EncryptedSecret sealed, String context) {
        return storage.open(sealed, context);
    }

    public String openFromTransport(EncryptedSecret sealed, String context) {
        return transport.open(sealed, context);
    }

    public EncryptedSecret sealForTransport(String secret, String context) {
        return transport.seal(secret, context);
    }
}

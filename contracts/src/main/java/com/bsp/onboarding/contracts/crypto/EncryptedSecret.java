package com.bsp.onboarding.contracts.crypto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A secret sealed with AES-256-GCM under a versioned key.
 *
 * @param keyId which key sealed it, so keys can rotate while old ciphertexts stay readable
 * @param ciphertext base64 of a 12-byte IV, the ciphertext and the 16-byte tag
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EncryptedSecret(String keyId, String ciphertext) {

    @Override
    public String toString() {
        return "EncryptedSecret[" + keyId + "]";
    }
}

package com.bsp.onboarding.contracts.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secrets with AES-256-GCM (authenticated: a changed byte or a wrong context fails
 * to open) under versioned keys. New secrets use the current key; any configured key opens what it
 * sealed, so a key is rotated by adding a new current key and retiring the old one once nothing
 * sealed with it remains.
 *
 * <p>The associated data binds a ciphertext to its context (for example a signup id), so a sealed
 * token copied into another record does not open there.
 */
public final class SecretSealer {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Keys key id to base64 of 32 random bytes */
    public SecretSealer(String currentKeyId, Map<String, String> base64Keys) {
        this.keys = base64Keys.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> toKey(e.getKey(), e.getValue())));
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalStateException("The current key '" + currentKeyId + "' is not among the configured keys");
        }
        this.currentKeyId = currentKeyId;
    }

    public EncryptedSecret seal(String secret, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new EncryptedSecret(currentKeyId,
                    Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws SecretUnreadableException for an unknown key, a tampered ciphertext or another context */
    public String open(EncryptedSecret sealed, String context) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SecretUnreadableException("no key '" + sealed.keyId() + "' is configured");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretUnreadableException("the ciphertext does not open with key '" + sealed.keyId() + "'");
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    private static SecretKeySpec toKey(String id, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Key '" + id + "' is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("Key '" + id + "' must be 32 bytes (AES-256), not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }

    /** Says why a secret could not be opened, never what it holds. */
    public static final class SecretUnreadableException extends RuntimeException {
        public SecretUnreadableException(String message) {
            super(message, null, false, false);
        }
    }
}

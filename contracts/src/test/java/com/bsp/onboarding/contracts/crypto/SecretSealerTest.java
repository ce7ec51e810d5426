package com.bsp.onboarding.contracts.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void opensWhatItSealedAndNeverShowsThePlainText() {
        SecretSealer sealer = new SecretSealer("k1", Map.of("k1", K1));
        EncryptedSecret sealed = sealer.seal("EAAG-business-token", "signup-1");
        assertFalse(sealed.ciphertext().contains("EAAG"));
        assertFalse(sealed.toString().contains(sealed.ciphertext()));
        assertEquals("EAAG-business-token", sealer.open(sealed, "signup-1"));
    }

    @Test
    void sealsTheSameSecretDifferentlyEachTime() {
        SecretSealer sealer = new SecretSealer("k1", Map.of("k1", K1));
        assertNotEquals(sealer.seal("t", "c").ciphertext(), sealer.seal("t", "c").ciphertext());
    }

    @Test
    void keepsOldSecretsReadableAfterAKeyRotation() {
        EncryptedSecret old = new SecretSealer("k1", Map.of("k1", K1)).seal("old-token", "s");
        SecretSealer rotated = new SecretSealer("k2", Map.of("k1", K1, "k2", K2));
        EncryptedSecret fresh = rotated.seal("new-token", "s");
        assertEquals("k2", fresh.keyId());
        assertEquals("old-token", rotated.open(old, "s"));
        assertEquals("new-token", rotated.open(fresh, "s"));
        assertThrows(SecretSealer.SecretUnreadableException.class,
                () -> new SecretSealer("k2", Map.of("k2", K2)).open(old, "s"), "a retired key opens nothing");
    }

    @Test
    void refusesATamperedCiphertextOrAnotherContext() {
        SecretSealer sealer = new SecretSealer("k1", Map.of("k1", K1));
        EncryptedSecret sealed = sealer.seal("token", "signup-1");
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;
        EncryptedSecret tampered = new EncryptedSecret("k1", Base64.getEncoder().encodeToString(bytes));
        assertThrows(SecretSealer.SecretUnreadableException.class, () -> sealer.open(tampered, "signup-1"));
        assertThrows(SecretSealer.SecretUnreadableException.class, () -> sealer.open(sealed, "signup-2"));
    }

    @Test
    void refusesKeysThatAreNotAes256() {
        assertThrows(IllegalStateException.class, () -> new SecretSealer("k", Map.of("k", Base64.getEncoder().encodeToString(new byte[16]))));
        assertThrows(IllegalStateException.class, () -> new SecretSealer("missing", Map.of("k1", K1)));
    }
}

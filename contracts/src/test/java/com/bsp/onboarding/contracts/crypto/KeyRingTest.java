package com.bsp.onboarding.contracts.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.bsp.onboarding.contracts.crypto.KeyRing.Keys;
import com.bsp.onboarding.contracts.crypto.KeyRing.Purpose;
import com.bsp.onboarding.contracts.crypto.SecretSealer.SecretUnreadableException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final String DEFAULT_KEY = key('d');
    private static final String HUB_A_KEY = key('a');
    private static final String HUB_B_KEY = key('b');
    private static final Keys DEFAULT = new Keys("t1", Map.of("t1", DEFAULT_KEY));
    private static final Map<String, Keys> HUBS = Map.of("hub-a", new Keys("a1", Map.of("a1", HUB_A_KEY)),
            "hub-b", new Keys("b1", Map.of("b1", HUB_B_KEY)));

    private static String key(char c) {
        return Base64.getEncoder().encodeToString(String.valueOf(c).repeat(32).getBytes());
    }

    @Test
    void aTokenSealedForOneHubDoesNotOpenUnderAnotherHubsRingNorAsAnotherHubs() {
        KeyRing tokens = new KeyRing(Purpose.BUSINESS_TOKEN, DEFAULT, HUBS);
        EncryptedSecret sealed = tokens.seal("hub-a", "signup-1", "EAAG-token");
        assertEquals("a1", sealed.keyId(), "sealed with hub A's own ring");
        assertEquals("EAAG-token", tokens.open("hub-a", "signup-1", sealed));
        assertThrows(SecretUnreadableException.class, () -> tokens.open("hub-b", "signup-1", sealed));
        assertThrows(SecretUnreadableException.class, () -> tokens.open("hub-c", "signup-1", sealed), "nor under the default ring");
        // Even where two hubs share keys, the hub named in the associated data tells them apart.
        KeyRing shared = new KeyRing(Purpose.BUSINESS_TOKEN, DEFAULT, Map.of());
        EncryptedSecret ofC = shared.seal("hub-c", "signup-1", "EAAG-token");
        assertThrows(SecretUnreadableException.class, () -> shared.open("hub-d", "signup-1", ofC));
        assertThrows(SecretUnreadableException.class, () -> shared.open("hub-c", "signup-2", ofC), "nor as another record");
    }

    @Test
    void aValueSealedForOnePurposeDoesNotOpenForAnotherWithTheSameKeys() {
        KeyRing channelKeys = new KeyRing(Purpose.CHANNEL_KEY, DEFAULT, HUBS);
        KeyRing tokens = new KeyRing(Purpose.BUSINESS_TOKEN, DEFAULT, HUBS);
        EncryptedSecret key = channelKeys.seal("hub-a", "record-1", "d360-api-key");
        assertEquals("d360-api-key", channelKeys.open("hub-a", "record-1", key));
        assertThrows(SecretUnreadableException.class, () -> tokens.open("hub-a", "record-1", key));
        assertEquals("channel-key|hub-a|record-1", KeyRing.associatedData(Purpose.CHANNEL_KEY, "hub-a", "record-1"));
    }

    @Test
    void aHubsRingRotatesWhileWhatItsOlderKeySealedStillOpens() {
        EncryptedSecret old = new KeyRing(Purpose.BUSINESS_TOKEN, DEFAULT, HUBS).seal("hub-a", "s", "old-token");
        KeyRing rotated = new KeyRing(Purpose.BUSINESS_TOKEN, DEFAULT,
                Map.of("hub-a", new Keys("a2", Map.of("a1", HUB_A_KEY, "a2", key('z')))));
        EncryptedSecret fresh = rotated.seal("hub-a", "s", "new-token");
        assertEquals("a2", fresh.keyId());
        assertEquals("old-token", rotated.open("hub-a", "s", old));
        assertEquals("new-token", rotated.open("hub-a", "s", fresh));
        KeyRing retired = new KeyRing(Purpose.BUSINESS_TOKEN, DEFAULT, Map.of("hub-a", new Keys("a2", Map.of("a2", key('z')))));
        assertThrows(SecretUnreadableException.class, () -> retired.open("hub-a", "s", old));
    }

    @Test
    void theDefaultRingStillOpensWhatWasSealedBeforeHubsAndPurposesWereNamedButAHubsOwnRingDoesNot() {
        EncryptedSecret legacy = new SecretSealer("t1", Map.of("t1", DEFAULT_KEY)).seal("legacy-token", "signup-9");
        KeyRing tokens = new KeyRing(Purpose.BUSINESS_TOKEN, DEFAULT, HUBS);
        assertEquals("legacy-token", tokens.open("hub-c", "signup-9", legacy));
        assertThrows(SecretUnreadableException.class, () -> tokens.open("hub-a", "signup-9", legacy));
    }
}

package com.bsp.onboarding.contracts.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ChannelWebhookAuthTest {

    @Test
    void isTheUnpaddedBase64UrlHmacOfLabelPartnerAndChannel() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("hub-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("channel-webhook\0partner\0channel".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, ChannelWebhookAuth.value("hub-key", "partner", "channel"));
    }

    @Test
    void oneChannelsValueIsNotAnotherChannelsNorAnotherPartnersNorAnotherKeys() {
        String value = ChannelWebhookAuth.value("hub-key", "partner", "ch1");
        assertNotEquals(value, ChannelWebhookAuth.value("hub-key", "partner", "ch2"));
        assertNotEquals(value, ChannelWebhookAuth.value("hub-key", "other", "ch1"));
        assertNotEquals(value, ChannelWebhookAuth.value("another-key", "partner", "ch1"));
        assertNotEquals(ChannelWebhookAuth.value("k", "ab", "c"), ChannelWebhookAuth.value("k", "a", "bc"));
        assertFalse(ChannelWebhookAuth.matches(value, "partner", "ch2", List.of("hub-key")));
    }

    @Test
    void matchesUnderTheCurrentOrThePreviousKeyOnly() {
        String old = ChannelWebhookAuth.value("old-key", "p", "c");
        String fresh = ChannelWebhookAuth.value("new-key", "p", "c");
        assertTrue(ChannelWebhookAuth.matches(old, "p", "c", List.of("new-key", "old-key")));
        assertTrue(ChannelWebhookAuth.matches(fresh, "p", "c", List.of("new-key", "old-key")));
        assertFalse(ChannelWebhookAuth.matches(old, "p", "c", List.of("new-key")), "once the previous key is removed");
        assertFalse(ChannelWebhookAuth.matches("", "p", "c", List.of("new-key")));
        assertFalse(ChannelWebhookAuth.matches(null, "p", "c", List.of("new-key")));
        assertFalse(ChannelWebhookAuth.matches("new-key", "p", "c", List.of("new-key")), "the key itself is no value");
    }
}

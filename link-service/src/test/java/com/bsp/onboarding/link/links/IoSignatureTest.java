package com.bsp.onboarding.link.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.bsp.onboarding.link.LinkServiceConfig.SignatureEncoding;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IoSignatureTest {

    private static final byte[] SECRET = "pl4tf0rm-s3cret-for-tests".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesThePublishedKnownAnswer() {
        assertEquals("a0ac45f4e925e46e7d1354503c1d65e03bb06710525d6c7ea7d7933415dabe18aa7e3cfaf91a66019658d6dc9e719a8879e3155fc67a0d717921a77ca521c60e",
                IoSignature.sign("aAbBcCPA", 1775653748L, SECRET, SignatureEncoding.HEX));
    }

    @Test
    void changesWithTheTimestampSoEveryLinkGetsItsOwn() {
        assertNotEquals(IoSignature.sign("aAbBcCPA", 1775653748L, SECRET, SignatureEncoding.HEX),
                IoSignature.sign("aAbBcCPA", 1775653749L, SECRET, SignatureEncoding.HEX));
    }

    @Test
    void canBePrintedAsBase64WhereAHubExpectsIt() {
        assertEquals("oKxF9Okl5G59E1RQPB1l4DuwZxBSXWx+p9eTNBXavhiqfjz6+RpmAZZY1tyecZqIeeMVX8Z6DXF5Iad8pSHGDg==",
                IoSignature.sign("aAbBcCPA", 1775653748L, SECRET, SignatureEncoding.BASE64));
    }
}

package com.bsp.onboarding.link.hub;

import static com.bsp.onboarding.link.support.LinkApi.issue;
import static com.bsp.onboarding.link.support.LinkApi.queryOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.link.LinkServiceConfig.SignatureEncoding;
import com.bsp.onboarding.link.links.IoSignature;
import com.bsp.onboarding.link.support.PlatformSecretFileResource;
import com.bsp.onboarding.link.support.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlatformSecretRotationTest {

    @Test
    void signsWithANewlyMountedSecretWithoutARestart() throws Exception {
        Map<String, String> before = issueBetaLink();
        assertEquals(signatureWith(PlatformSecretFileResource.INITIAL_SECRET, before), before.get("io_signature"));

        String rotated = "beta-secret-after-rotation";
        Files.writeString(PlatformSecretFileResource.secretFile(), rotated + "\n");
        Files.setLastModifiedTime(PlatformSecretFileResource.secretFile(),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1_000));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, String> after = issueBetaLink();
            assertEquals(signatureWith(rotated, after), after.get("io_signature"));
        });
    }

    private static Map<String, String> issueBetaLink() {
        return queryOf(issue(TestApiKeys.BETA, Map.of()).statusCode(201).extract().path("url"));
    }

    private static String signatureWith(String secret, Map<String, String> query) {
        return IoSignature.sign(TestApiKeys.BETA_PARTNER_ID, Long.parseLong(query.get("io_timestamp")),
                secret.getBytes(StandardCharsets.UTF_8), SignatureEncoding.HEX);
    }
}

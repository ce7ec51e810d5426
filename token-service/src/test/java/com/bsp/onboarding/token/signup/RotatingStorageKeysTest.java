package com.bsp.onboarding.token.signup;

import com.bsp.onboarding.testing.http.Management;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.SecretSealer;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RotatingStorageKeysTest {

    @Test
    void reSealsTokensOfARetiringKeyWithTheCurrentOneAndLosesNone() {
        String s1 = ConfigProvider.getConfig().getValue("token.storage-keys.keys.s1", String.class);
        String s2 = ConfigProvider.getConfig().getValue("token.storage-keys.keys.s2", String.class);
        UUID id = UUID.randomUUID();
        String token = "EAAG-sealed-before-the-rotation-" + id;
        // A token stored while s1 was the current key.
        EncryptedSecret old = new SecretSealer("s1", Map.of("s1", s1)).seal(token, id.toString());
        TestDatabaseResource.query(TokenServiceTestResources.DATABASE, """
                INSERT INTO signups (id, hub_id, code_sha256, status, waba_id, token_key_id, token_ciphertext, created_at, completed_at)
                VALUES (?::uuid, 'alpha', ?, 'completed', '700000000000900', ?, ?, now(), now()) RETURNING id""",
                id.toString(), "hash-" + id, old.keyId(), old.ciphertext());

        await().atMost(Duration.ofSeconds(15)).until(() -> "s2".equals(keyOf(id)));

        List<Map<String, Object>> row = TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT token_key_id, token_ciphertext FROM signups WHERE id = ?::uuid", id.toString());
        EncryptedSecret resealed = new EncryptedSecret("s2", (String) row.get(0).get("token_ciphertext"));
        assertEquals(token, new SecretSealer("s2", Map.of("s2", s2)).open(resealed, id.toString()),
                "opens with the current key alone: s1 can now be retired");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().when().get(Management.url("/q/metrics")).then()
                .body(containsString("tokens_sealed_with_old_keys 0.0")));
    }

    private static String keyOf(UUID id) {
        return (String) TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT token_key_id FROM signups WHERE id = ?::uuid", id.toString()).get(0).get("token_key_id");
    }
}

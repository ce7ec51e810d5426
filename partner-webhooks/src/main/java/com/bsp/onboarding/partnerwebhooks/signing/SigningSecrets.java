package com.bsp.onboarding.partnerwebhooks.signing;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.SecretSealer;
import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints' signing secrets: sealed at rest under the storage keys (associated data
 * {@code endpoint-secret|<endpoint id>|<version>}, so a ciphertext copied to another endpoint or version
 * does not open), opened for signing and kept opened in memory for a few seconds so a delivery costs no
 * database read and no AES. A replica that did not make a rotation signs with the new secret within
 * {@link #CACHE_TTL}; the old one is still valid then.
 */
@ApplicationScoped
public class SigningSecrets {

    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private static final String INSERT = """
            INSERT INTO endpoint_secrets (endpoint_id, version, key_id, ciphertext) VALUES ($1, $2, $3, $4)""";
    /** Ends the current secret's sole reign; drops the secrets whose grace is over. */
    private static final String RETIRE = """
            WITH gone AS (DELETE FROM endpoint_secrets WHERE endpoint_id = $1 AND expires_at <= now()),
            current AS (
                UPDATE endpoint_secrets SET expires_at = now() + $2 * interval '1 millisecond'
                WHERE endpoint_id = $1 AND expires_at IS NULL
                RETURNING version, expires_at)
            SELECT coalesce((SELECT max(version) FROM endpoint_secrets WHERE endpoint_id = $1), 0) AS last_version,
                   (SELECT max(expires_at) FROM current) AS expires_at""";
    private static final String VALID = """
            SELECT version, key_id, ciphertext, expires_at FROM endpoint_secrets
            WHERE endpoint_id = $1 AND (expires_at IS NULL OR expires_at > now()) ORDER BY version DESC""";

    private final SecretSealer sealer;
    private final Pool pool;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SigningSecrets(PartnerWebhooksConfig config, Pool pool) {
        this.sealer = new SecretSealer(config.storageKeys().current(), config.storageKeys().keys());
        this.pool = pool;
    }

    /** Stores a first secret (version 1) for a new endpoint, in the caller's transaction. */
    public Uni<Void> store(SqlClient tx, String endpointId, String secret) {
        return insert(tx, endpointId, 1, secret);
    }

    /**
     * Replaces the signing secret: the current one keeps signing beside {@code secret} for {@code grace}.
     *
     * @return when the previous secret stops signing (null if there was none)
     */
    public Uni<Instant> rotate(SqlClient tx, String endpointId, String secret, Duration grace) {
        return tx.preparedQuery(RETIRE).execute(Tuple.of(endpointId, grace.toMillis()))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime expires = row.getOffsetDateTime("expires_at");
                    return insert(tx, endpointId, row.getInteger("last_version") + 1, secret)
                            .invoke(() -> cache.remove(endpointId))
                            .replaceWith(expires == null ? null : expires.toInstant());
                });
    }

    /** The HMAC keys signing for the endpoint now, newest first. */
    public Uni<List<byte[]>> keysFor(String endpointId) {
        Cached cached = cache.get(endpointId);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt < CACHE_TTL.toNanos()) {
            return Uni.createFrom().item(cached.validAt(Instant.now()));
        }
        return pool.preparedQuery(VALID).execute(Tuple.of(endpointId)).map(rows -> {
            List<Key> keys = new ArrayList<>();
            for (Row row : rows) {
                int version = row.getInteger("version");
                String secret = sealer.open(new EncryptedSecret(row.getString("key_id"), row.getString("ciphertext")),
                        context(endpointId, version));
                OffsetDateTime expires = row.getOffsetDateTime("expires_at");
                keys.add(new Key(WebhookSecret.hmacKey(secret), expires == null ? null : expires.toInstant()));
            }
            Cached loaded = new Cached(List.copyOf(keys), now);
            cache.put(endpointId, loaded);
            return loaded.validAt(Instant.now());
        });
    }

    public void forget(String endpointId) {
        cache.remove(endpointId);
    }

    private Uni<Void> insert(SqlClient tx, String endpointId, int version, String secret) {
        EncryptedSecret sealed = sealer.seal(secret, context(endpointId, version));
        return tx.preparedQuery(INSERT).execute(Tuple.of(endpointId, version, sealed.keyId(), sealed.ciphertext()))
                .replaceWithVoid();
    }

    static String context(String endpointId, int version) {
        return "endpoint-secret|" + endpointId + "|" + version;
    }

    private record Key(byte[] hmacKey, Instant expiresAt) {
    }

    private record Cached(List<Key> keys, long loadedAt) {
        /** A rotated-out key stops signing at its expiry even while the cache entry is fresh. */
        List<byte[]> validAt(Instant now) {
            List<byte[]> valid = new ArrayList<>(keys.size());
            for (Key key : keys) {
                if (key.expiresAt == null || key.expiresAt.isAfter(now)) {
                    valid.add(key.hmacKey);
                }
            }
            return valid;
        }
    }

}

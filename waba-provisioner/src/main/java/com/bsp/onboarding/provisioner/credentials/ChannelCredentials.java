package com.bsp.onboarding.provisioner.credentials;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.audit.CredentialRead;
import com.bsp.onboarding.contracts.crypto.ChannelWebhookAuth;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.provisioning.ChannelCredentialsRotated;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.eventing.audit.CredentialAudit;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import com.bsp.onboarding.http.auth.CallerHub.Caller;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.providers.ProviderException;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.crypto.Secrets;
import com.bsp.onboarding.provisioner.dialog360.Dialog360Client;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Hands a provisioned channel's API key to its hub, and rotates it. Only a key with the credentials permission may;
 * every attempt, handed out or not, is audited ({@link CredentialAudit}) before the answer leaves. A channel is its
 * hub's when its row names the caller's hub and that hub's partner id: another hub's channel is not found.
 */
@ApplicationScoped
public class ChannelCredentials {

    static final CredentialAudit.Stream AUDIT = new CredentialAudit.Stream(Topics.PROVISIONING_EVENTS, ProvisioningEventTypes.SOURCE,
            ProvisioningEventTypes.CREDENTIAL_READ);
    private static final Logger LOG = Logger.getLogger(ChannelCredentials.class);
    private static final String SELECT = """
            SELECT channel_id, client_id, partner_id, status, api_key_key_id, api_key_ciphertext, webhook_url, provisioned_at,
                api_key_rotated_at
            FROM channels WHERE partner_id = $1 AND channel_id = $2 AND hub_id = $3""";

    private final Pool pool;
    private final Secrets secrets;
    private final Dialog360Client dialog360;
    private final CredentialAudit audit;
    private final ProvisionerConfig config;

    public ChannelCredentials(Pool pool, Secrets secrets, Dialog360Client dialog360, CredentialAudit audit, ProvisionerConfig config) {
        this.pool = pool;
        this.secrets = secrets;
        this.dialog360 = dialog360;
        this.audit = audit;
        this.config = config;
    }

    /** The channel's current key: 404 when it is not the caller's, 409 while it is not provisioned. */
    public Uni<ChannelApiKey> read(Caller caller, String channelId) {
        if (!caller.mayReadCredentials()) {
            return refused(caller, channelId);
        }
        return pool.preparedQuery(SELECT).execute(Tuple.of(partnerOf(caller), channelId, caller.hubId())).flatMap(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            // Opened before the audit is written: a key that cannot be opened is not handed out, so not audited as such.
            ChannelApiKey key = handOut(row) ? view(row, secrets.openFromStorage(storedKey(row), channelId)) : null;
            CredentialRead read = read(caller, channelId, key == null ? CredentialAudit.NOT_FOUND : CredentialAudit.HANDED_OUT);
            return audit.write(pool, AUDIT, read).map(written -> answer(row, key, channelId));
        });
    }

    /**
     * Generates a new key at 360Dialog, which revokes the old one (reference §1.5: "generating a key revokes older ones"),
     * so the new one is stored, sealed, with its {@code channel-credentials-rotated} event and its hand-off's audit in the
     * same transaction. The row stays locked across the call: two rotations at once would otherwise store a key that the
     * other one's call had already revoked.
     *
     * <p>The channel's webhook is set again afterwards with the new key, to the same URL and header value: 360Dialog's
     * messaging API keys a webhook configuration by the key that set it (the emulator models it so, and a revoked key's
     * configuration must not be relied on). Nothing is re-pointed.
     */
    public Uni<ChannelApiKey> rotate(Caller caller, String channelId) {
        if (!caller.mayReadCredentials()) {
            return refused(caller, channelId);
        }
        ProvisionerConfig.Hub hub = config.hubs().get(caller.hubId());
        return pool.withTransaction(tx -> tx.preparedQuery(SELECT + " FOR UPDATE").execute(Tuple.of(hub.partnerId(), channelId, caller.hubId()))
                .flatMap(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    if (!handOut(row)) {
                        CredentialRead notFound = read(caller, channelId, CredentialAudit.NOT_FOUND);
                        return OutboxWriter.append(tx, CredentialAudit.record(AUDIT, notFound)).map(written -> new Rotation(row, null, notFound));
                    }
                    CredentialRead handedOut = read(caller, channelId, CredentialAudit.HANDED_OUT);
                    return dialog360.createApiKey(hub, channelId).flatMap(newKey -> store(tx, caller, row, newKey, handedOut)
                            .map(stored -> new Rotation(row, view(stored, newKey), handedOut)));
                }))
                .onFailure(ProviderException.class).transform(ChannelCredentials::notRotated)
                .flatMap(rotation -> {
                    audit.written(rotation.read());
                    ChannelApiKey key = answer(rotation.row(), rotation.key(), channelId);
                    return restoreWebhook(hub, rotation.row(), key).replaceWith(key);
                });
    }

    private record Rotation(Row row, ChannelApiKey key, CredentialRead read) {
    }

    private Uni<Row> store(SqlClient tx, Caller caller, Row row, String newKey, CredentialRead handedOut) {
        String channelId = row.getString("channel_id");
        EncryptedSecret sealed = secrets.sealForStorage(newKey, channelId);
        return tx.preparedQuery("""
                        UPDATE channels SET api_key_key_id = $4, api_key_ciphertext = $5, api_key_rotated_at = now(), updated_at = now()
                        WHERE partner_id = $1 AND channel_id = $2 AND hub_id = $3
                        RETURNING channel_id, client_id, partner_id, provisioned_at, api_key_rotated_at""")
                .execute(Tuple.of(row.getString("partner_id"), channelId, caller.hubId(), sealed.keyId(), sealed.ciphertext()))
                .map(RowSet::iterator).map(rows -> rows.next())
                .flatMap(stored -> OutboxWriter.append(tx, List.of(rotated(caller, stored),
                        CredentialAudit.record(AUDIT, handedOut))).replaceWith(stored));
    }

    private static OutboxRecord rotated(Caller caller, Row stored) {
        Instant at = instant(stored, "api_key_rotated_at");
        String channelId = stored.getString("channel_id");
        String clientId = stored.getString("client_id");
        // Keyed like the channel's other events: by its client, by the channel when the client is unknown.
        return OutboxRecord.of(Topics.PROVISIONING_EVENTS, clientId == null ? channelId : clientId,
                CloudEvent.of(UUID.randomUUID().toString(), ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_CREDENTIALS_ROTATED,
                        channelId, at, new ChannelCredentialsRotated(channelId, clientId, stored.getString("partner_id"), caller.hubId(), at)));
    }

    private Uni<Void> restoreWebhook(ProvisionerConfig.Hub hub, Row row, ChannelApiKey key) {
        String url = row.getString("webhook_url");
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        String channelId = row.getString("channel_id");
        String auth = ChannelWebhookAuth.value(hub.channelWebhookKey(), row.getString("partner_id"), channelId);
        return dialog360.setWebhook(key.apiKey(), url, hub.channelWebhookHeader(), auth).onFailure().transform(e -> {
            LOG.warnf("Channel %s: key rotated, webhook not set again (%s)", channelId, e.getClass().getName());
            return Problem.of("webhook-not-restored", "Webhook not set again", 502, "The new key is stored (GET /v1/channels/"
                    + channelId + "/api-key reads it), but the channel's webhook could not be set with it: rotate again.").exception();
        });
    }

    private Uni<ChannelApiKey> refused(Caller caller, String channelId) {
        return audit.refuse(pool, AUDIT, read(caller, channelId, CredentialAudit.REFUSED), Caller.noCredentialsPermission().exception());
    }

    private static CredentialRead read(Caller caller, String channelId, String outcome) {
        return CredentialAudit.read(CredentialRead.CHANNEL_API_KEY, channelId, caller.hubId(), caller.keyFingerprint(), outcome);
    }

    private String partnerOf(Caller caller) {
        return config.hubs().get(caller.hubId()).partnerId();
    }

    private static boolean handOut(Row row) {
        return row != null && "provisioned".equals(row.getString("status")) && row.getString("api_key_ciphertext") != null;
    }

    private static EncryptedSecret storedKey(Row row) {
        return new EncryptedSecret(row.getString("api_key_key_id"), row.getString("api_key_ciphertext"));
    }

    /** The key, or the problem of a channel that has none to hand out. */
    private static ChannelApiKey answer(Row row, ChannelApiKey key, String channelId) {
        if (key != null) {
            return key;
        }
        if (row == null) {
            throw Problem.notFound("No channel " + channelId + " of your hub is known here.").exception();
        }
        throw Problem.of("channel-not-provisioned", "Channel not provisioned", 409,
                "Channel " + channelId + " is " + row.getString("status") + ": it has an API key to hand out only once provisioned.").exception();
    }

    private static ChannelApiKey view(Row row, String apiKey) {
        return new ChannelApiKey(row.getString("channel_id"), row.getString("client_id"), apiKey, instant(row, "provisioned_at"),
                instant(row, "api_key_rotated_at"));
    }

    private static RuntimeException notRotated(Throwable failure) {
        ProviderException provider = (ProviderException) failure;
        boolean unknown = provider.classification() == ProviderException.Classification.OUTCOME_UNKNOWN;
        return Problem.of("rotation-failed", "Key not rotated", 502, unknown
                ? "360Dialog's answer was lost: a new key may have replaced the stored one. Rotate again."
                : "360Dialog generated no new key (HTTP " + provider.httpStatus() + "); the current key stays valid.").exception();
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}

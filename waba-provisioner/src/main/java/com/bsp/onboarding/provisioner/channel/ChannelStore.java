package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import com.bsp.onboarding.provisioner.runner.WorkflowTable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Persistence of channel workflows. */
@ApplicationScoped
public class ChannelStore {

    public static final WorkflowTable TABLE = new WorkflowTable("channels", List.of("partner_id", "channel_id"),
            List.of("provisioning", "deprovisioning"));

    private final Pool pool;

    public ChannelStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Channel>> claimDue(String owner, Duration lease, int limit) {
        return TABLE.claimDue(pool, owner, lease, limit).map(rows -> {
            List<Channel> channels = new ArrayList<>(rows.size());
            rows.forEach(row -> channels.add(toChannel(row)));
            return channels;
        });
    }

    public Uni<Optional<Channel>> startStep(Channel channel, String owner, Duration lease) {
        return TABLE.startStep(pool, channel.key(), owner, lease, channel.currentStep())
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toChannel(rows.iterator().next())));
    }

    /** Keeps the new API key (sealed) and makes the webhook step current. */
    public Uni<Optional<Channel>> keyCreated(Channel channel, String owner, EncryptedSecret apiKey) {
        return pool.preparedQuery("""
                        UPDATE channels SET api_key_key_id = $4, api_key_ciphertext = $5, current_step = 'set_webhook',
                            step_attempts = 0, step_in_flight = false, last_error = NULL, updated_at = now()
                        WHERE partner_id = $1 AND channel_id = $2 AND lease_owner = $3 AND current_step = 'create_api_key'
                        RETURNING *""")
                .execute(Tuple.of(channel.partnerId(), channel.channelId(), owner, apiKey.keyId(), apiKey.ciphertext()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toChannel(rows.iterator().next())));
    }

    /** Ends the workflow as provisioned, with its event, in one transaction. */
    public Uni<Boolean> provisioned(Channel channel, String owner, String webhookUrl, OutboxRecord event) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE channels SET status = 'provisioned', webhook_url = $4, current_step = NULL, step_attempts = 0,
                            step_in_flight = false, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL,
                            provisioned_at = now(), updated_at = now()
                        WHERE partner_id = $1 AND channel_id = $2 AND lease_owner = $3 AND current_step = 'set_webhook'""")
                .execute(Tuple.of(channel.partnerId(), channel.channelId(), owner, webhookUrl))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : OutboxWriter.append(tx, List.of(event)).replaceWith(true)));
    }

    /** Ends a de-provisioning: the stored API key is discarded, the channel is revoked, with its event, in one transaction. */
    public Uni<Boolean> deprovisioned(Channel channel, String owner, OutboxRecord event) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE channels SET status = 'revoked', api_key_key_id = NULL, api_key_ciphertext = NULL, webhook_url = NULL,
                            current_step = NULL, step_attempts = 0, step_in_flight = false, last_error = NULL, next_attempt_at = NULL,
                            lease_owner = NULL, lease_until = NULL, updated_at = now()
                        WHERE partner_id = $1 AND channel_id = $2 AND lease_owner = $3 AND current_step = 'remove_webhook'""")
                .execute(Tuple.of(channel.partnerId(), channel.channelId(), owner))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : OutboxWriter.append(tx, List.of(event)).replaceWith(true)));
    }

    public Uni<Boolean> scheduleRetry(Channel channel, String owner, ProvisioningError error, Duration delay) {
        return TABLE.scheduleRetry(pool, channel.key(), owner, channel.currentStep(), error, delay).map(n -> n > 0);
    }

    public Uni<Boolean> fail(Channel channel, String owner, ProvisioningError error, List<OutboxRecord> events) {
        return pool.withTransaction(tx -> TABLE.fail(tx, channel.key(), owner, channel.currentStep(), error)
                .flatMap(n -> n == 0 ? Uni.createFrom().item(false) : OutboxWriter.append(tx, events).replaceWith(true)));
    }

    public Uni<Integer> releaseLeases(String owner) {
        return TABLE.releaseLeases(pool, owner);
    }

    static Channel toChannel(Row row) {
        String keyId = row.getString("api_key_key_id");
        return new Channel(row.getString("partner_id"), row.getString("channel_id"), row.getString("hub_id"),
                row.getString("client_id"), row.getString("status"), row.getString("current_step"), row.getInteger("step_attempts"),
                keyId == null ? null : new EncryptedSecret(keyId, row.getString("api_key_ciphertext")));
    }
}

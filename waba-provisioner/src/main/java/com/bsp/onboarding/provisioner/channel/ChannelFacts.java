package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.inbox.Effects;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is known about a channel comes from two sources in any order: a confirmed claim of a link's redirect
 * ({@link ChannelClaims}: the client granted it) and 360Dialog's signed webhooks (it runs, and which client it
 * belongs to). A channel starts provisioning once both hold. Its {@code client_id} comes from the webhooks only: the
 * redirect is a claim (reference §3.5).
 */
@ApplicationScoped
public class ChannelFacts {

    /** Both facts hold: the channel is provisioned. */
    private static final String START = """
            UPDATE channels SET status = 'provisioning', current_step = 'create_api_key', step_attempts = 0,
                next_attempt_at = now(), updated_at = now()
            WHERE partner_id = $1 AND channel_id = $2 AND status = 'waiting' AND permitted AND running""";
    /**
     * Revoked after it was provisioned (or while it was): its webhook is removed and its key discarded, as a step
     * of its own. Work in flight stops (its lease is taken); a repeat of the revocation changes nothing.
     */
    private static final String DEPROVISION = """
            UPDATE channels SET status = 'deprovisioning', current_step = 'remove_webhook', step_attempts = 0, step_in_flight = false,
                last_error = NULL, next_attempt_at = now(), lease_owner = NULL, lease_until = NULL, revoked_at = now(), updated_at = now()
            WHERE partner_id = $1 AND channel_id = $2 AND status IN ('provisioning', 'provisioned')""";

    private final Map<String, Map.Entry<String, ProvisionerConfig.Hub>> hubsByPartner;

    public ChannelFacts(ProvisionerConfig config) {
        this.hubsByPartner = config.hubs().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getValue().partnerId(), e -> e));
    }

    /** The hub id and settings of a 360Dialog partner id. */
    public Optional<Map.Entry<String, ProvisionerConfig.Hub>> hub(String partnerId) {
        return Optional.ofNullable(partnerId == null ? null : hubsByPartner.get(partnerId));
    }

    /**
     * Records what a signed 360Dialog webhook says about a channel (null = unknown, never un-learns one) and starts
     * it when both facts hold.
     *
     * @param permitted the partner may manage the channel; a channel of a client this service created for the hub
     *     (account sharing) is permitted too, since we handed its number to 360Dialog ourselves
     * @param revoked the client withdrew the permission: the channel is not provisioned
     */
    public Uni<Void> learn(SqlConnection tx, String partnerId, String channelId, String hubId, String clientId, boolean permitted,
            boolean running, String hubStatus, boolean revoked, Effects effects) {
        return tx.preparedQuery("""
                        INSERT INTO channels (partner_id, channel_id, hub_id, client_id, permitted, running, hub_status, status)
                        VALUES ($1, $2, $3, $4,
                            $5 OR EXISTS (SELECT 1 FROM wabas WHERE hub_id = $3 AND dialog360_client_id = $4::text),
                            $6, $7, CASE WHEN $8 THEN 'revoked' ELSE 'waiting' END)
                        ON CONFLICT (partner_id, channel_id) DO UPDATE SET
                            client_id = COALESCE(EXCLUDED.client_id, channels.client_id),
                            permitted = channels.permitted OR EXCLUDED.permitted, running = channels.running OR EXCLUDED.running,
                            hub_status = COALESCE(EXCLUDED.hub_status, channels.hub_status),
                            status = CASE WHEN $8 AND channels.status IN ('waiting', 'failed') THEN 'revoked' ELSE channels.status END,
                            updated_at = now()""")
                .execute(Tuple.from(new Object[] {partnerId, channelId, hubId, clientId, permitted, running, hubStatus, revoked}))
                .chain(() -> startOrDeprovision(tx, partnerId, channelId, revoked, effects));
    }

    /** A confirmed grant: the partner may manage the channel; it starts if it runs. */
    public Uni<Void> permit(SqlConnection tx, String partnerId, String channelId, Effects effects) {
        return tx.preparedQuery("UPDATE channels SET permitted = true, updated_at = now() WHERE partner_id = $1 AND channel_id = $2")
                .execute(Tuple.of(partnerId, channelId))
                .chain(() -> startOrDeprovision(tx, partnerId, channelId, false, effects));
    }

    /** A confirmed revocation: never provisioned, or de-provisioned if it was. */
    public Uni<Void> revoke(SqlConnection tx, String partnerId, String channelId, Effects effects) {
        return tx.preparedQuery("""
                        UPDATE channels SET status = 'revoked', updated_at = now()
                        WHERE partner_id = $1 AND channel_id = $2 AND status IN ('waiting', 'failed')""")
                .execute(Tuple.of(partnerId, channelId))
                .chain(() -> startOrDeprovision(tx, partnerId, channelId, true, effects));
    }

    private static Uni<Void> startOrDeprovision(SqlConnection tx, String partnerId, String channelId, boolean revoked, Effects effects) {
        return tx.preparedQuery(revoked ? DEPROVISION : START).execute(Tuple.of(partnerId, channelId))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        effects.workDue();
                    }
                })
                .replaceWithVoid();
    }
}

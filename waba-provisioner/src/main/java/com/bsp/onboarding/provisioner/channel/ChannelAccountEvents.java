package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ChannelStatusChanged;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.provisioner.inbox.Effects;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * 360Dialog's {@code account_violation} and {@code account_restriction} (reference §1.4): the latest of each kind
 * is kept with its body on the channel (or, when the webhook names only a client, on the client) and announced as
 * {@code channel-status-changed}. 360Dialog retries a webhook it got no 200 for; a retry carries the same body
 * {@code id} and is kept and announced once (the raw webhook's id where the body has none).
 */
@ApplicationScoped
public class ChannelAccountEvents {

    static final Set<String> EVENTS = Set.of("account_violation", "account_restriction");

    private final ObjectMapper json = EventJson.newMapper();

    public Uni<Void> record(SqlConnection tx, Dialog360WebhookEvent webhook, String hubId, Instant at, Effects effects) {
        String id = webhook.payload() != null && webhook.payload().path("id").isTextual() ? webhook.payload().path("id").asText()
                : webhook.rawId();
        ObjectNode entry = json.createObjectNode().put("id", id).put("received_at", at.toString());
        entry.set("payload", webhook.payload());
        String update = """
                account_events = CASE WHEN %1$s.account_events -> $4::text ->> 'id' = $5 THEN %1$s.account_events
                    ELSE %1$s.account_events || jsonb_build_object($4::text, $6::text::jsonb) END, updated_at = now()""";
        String sql = webhook.channelId() != null
                ? """
                  INSERT INTO channels (partner_id, channel_id, hub_id, client_id, status, account_events)
                  VALUES ($1, $2, $3, $7, 'waiting', jsonb_build_object($4::text, $6::text::jsonb))
                  ON CONFLICT (partner_id, channel_id) DO UPDATE SET\s""" + update.formatted("channels")
                        + " WHERE channels.account_events -> $4::text ->> 'id' IS DISTINCT FROM $5 RETURNING 1"
                : """
                  INSERT INTO dialog360_clients (partner_id, client_id, hub_id, account_events)
                  VALUES ($1, $2, $3, jsonb_build_object($4::text, $6::text::jsonb))
                  ON CONFLICT (partner_id, client_id) DO UPDATE SET\s""" + update.formatted("dialog360_clients")
                        + " WHERE dialog360_clients.account_events -> $4::text ->> 'id' IS DISTINCT FROM $5 RETURNING 1";
        String key = webhook.channelId() != null ? webhook.channelId() : webhook.clientId();
        if (key == null) {
            return Uni.createFrom().voidItem();
        }
        Tuple params = Tuple.from(webhook.channelId() != null
                ? new Object[] {webhook.partnerId(), webhook.channelId(), hubId, webhook.event(), id, entry.toString(), webhook.clientId()}
                : new Object[] {webhook.partnerId(), webhook.clientId(), hubId, webhook.event(), id, entry.toString()});
        return tx.preparedQuery(sql).execute(params).invoke(rows -> {
            if (rows.rowCount() > 0) {
                String eventKey = webhook.clientId() != null ? webhook.clientId() : webhook.channelId();
                effects.emit(OutboxRecord.of(Topics.PROVISIONING_EVENTS, eventKey, CloudEvent.of(UUID.randomUUID().toString(),
                        ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_STATUS_CHANGED, key, at,
                        new ChannelStatusChanged(webhook.channelId(), webhook.clientId(), webhook.partnerId(), hubId, webhook.event(),
                                webhook.payload(), at))));
            }
        }).replaceWithVoid();
    }
}

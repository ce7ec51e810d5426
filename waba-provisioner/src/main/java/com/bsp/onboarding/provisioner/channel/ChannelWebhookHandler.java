package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.inbox.BatchInbox;
import com.bsp.onboarding.provisioner.inbox.Effects;
import com.bsp.onboarding.provisioner.inbox.EventHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * 360Dialog's channel events: whether a channel runs (API keys can only be made for running channels), which client
 * it belongs to (the authoritative fact that decides links' claims, {@link ChannelClaims}), and, for partner payment
 * hubs, that the partner may manage it without waiting for the redirect.
 * Everything it acts on is typed by webhook-ingest; the raw body ({@code payload}) is not read here.
 */
@ApplicationScoped
public class ChannelWebhookHandler implements EventHandler {

    static final Set<String> RUNNING_EVENTS = Set.of("channel_running", "channel_live");
    static final Set<String> RUNNING_STATUSES = Set.of("running", "live");

    /**
     * A channel the partner lost: 360Dialog's docs name no such event; {@code channel_revoked} / status
     * {@code revoked} is assumed (the IO redirect's {@code revoked} list is the documented route, reference §1.3).
     */
    static final String REVOKED_EVENT = "channel_revoked";
    static final String REVOKED_STATUS = "revoked";

    private final ChannelFacts facts;
    private final ChannelClaims claims;
    private final ChannelAccountEvents accountEvents;
    private final BatchInbox inbox;
    private final ObjectMapper json = EventJson.newMapper();

    public ChannelWebhookHandler(ChannelFacts facts, ChannelClaims claims, ChannelAccountEvents accountEvents, BatchInbox inbox) {
        this.facts = facts;
        this.claims = claims;
        this.accountEvents = accountEvents;
        this.inbox = inbox;
    }

    /** The way in from {@link Topics#DIALOG360_WEBHOOK_EVENTS}: batches in partition order, so the events of one key apply in order. */
    @Incoming("dialog360-webhooks-in")
    public Uni<Void> dialog360Webhooks(KafkaRecordBatch<String, String> batch) {
        return inbox.apply(Topics.DIALOG360_WEBHOOK_EVENTS, batch, this);
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, CloudEvent<JsonNode> event, Effects effects) {
        if (!event.type().startsWith(WebhookEventTypes.DIALOG360_PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        Dialog360WebhookEvent webhook;
        try {
            webhook = json.treeToValue(event.data(), Dialog360WebhookEvent.class);
        } catch (Exception e) {
            throw new UnusableEventException("webhook_unreadable");
        }
        boolean accountEvent = webhook.event() != null && ChannelAccountEvents.EVENTS.contains(webhook.event());
        if (!accountEvent && (webhook.channelId() == null || webhook.event() == null || !webhook.event().startsWith("channel_"))) {
            return Uni.createFrom().voidItem();
        }
        Optional<Map.Entry<String, ProvisionerConfig.Hub>> hub = facts.hub(webhook.partnerId());
        if (hub.isEmpty()) {
            throw new UnusableEventException("unknown_partner " + webhook.partnerId());
        }
        if (accountEvent) {
            return accountEvents.record(tx, webhook, hub.get().getKey(), event.time() != null ? event.time() : Instant.now(), effects);
        }
        String status = webhook.channelStatus();
        if (REVOKED_EVENT.equals(webhook.event()) || REVOKED_STATUS.equals(status)) {
            return facts.learn(tx, webhook.partnerId(), webhook.channelId(), hub.get().getKey(), webhook.clientId(), false, false,
                    REVOKED_STATUS, true, effects)
                    .chain(() -> claims.decide(tx, webhook.partnerId(), webhook.channelId(), effects));
        }
        boolean running = RUNNING_EVENTS.contains(webhook.event()) || (status != null && RUNNING_STATUSES.contains(status));
        boolean permittedByDefault = "partner".equals(hub.get().getValue().paymentMode());
        // The webhook is signed by 360Dialog (checked by webhook-ingest): the client it names owns the channel, which
        // decides the claims links made on it.
        return facts.learn(tx, webhook.partnerId(), webhook.channelId(), hub.get().getKey(), webhook.clientId(), permittedByDefault,
                running, status != null ? status : webhook.event(), false, effects)
                .chain(() -> claims.decide(tx, webhook.partnerId(), webhook.channelId(), effects));
    }
}

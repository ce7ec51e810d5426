package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.webhook.MetaWebhookChange;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.bsp.onboarding.provisioner.inbox.BatchInbox;
import com.bsp.onboarding.provisioner.inbox.Effects;
import com.bsp.onboarding.provisioner.inbox.EventHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Meta webhook changes about a WABA: {@code PARTNER_REMOVED} starts its offboarding; the account lifecycle
 * (webhook-only onboarding, uninstall, offboarded / reconnected, deleted) is {@link WabaLifecycle}'s; disabling,
 * violations and restrictions are recorded and announced; name, quality and review updates (and every other
 * account update, unknown ones included) are recorded on the WABA. A WABA we have no signup for yet is kept as
 * {@code observed}, so what Meta said about it is not lost if its signup arrives later.
 */
@ApplicationScoped
public class MetaEventHandler implements EventHandler {

    static final String ACCOUNT_UPDATE = "account_update";
    static final Set<String> STATUS_EVENTS = Set.of("DISABLED_UPDATE", "ACCOUNT_VIOLATION", "ACCOUNT_RESTRICTION");
    static final Set<String> RECORDED_FIELDS = Set.of(ACCOUNT_UPDATE, "phone_number_name_update", "phone_number_quality_update",
            "account_review_update");

    private final ObjectMapper json = EventJson.newMapper();
    private final BatchInbox inbox;
    private final WabaLifecycle lifecycle;

    public MetaEventHandler(BatchInbox inbox, WabaLifecycle lifecycle) {
        this.inbox = inbox;
        this.lifecycle = lifecycle;
    }

    /** The way in from {@link Topics#META_WEBHOOK_EVENTS}: batches in partition order, so the events of one key apply in order. */
    @Incoming("meta-webhooks-in")
    public Uni<Void> metaWebhooks(KafkaRecordBatch<String, String> batch) {
        return inbox.apply(Topics.META_WEBHOOK_EVENTS, batch, this);
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, CloudEvent<JsonNode> event, Effects effects) {
        if (!event.type().startsWith(WebhookEventTypes.META_PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        MetaWebhookChange change;
        try {
            change = json.treeToValue(event.data(), MetaWebhookChange.class);
        } catch (Exception e) {
            throw new UnusableEventException("change_unreadable");
        }
        if (change.wabaId() == null || !RECORDED_FIELDS.contains(change.field())) {
            return Uni.createFrom().voidItem();
        }
        Instant at = change.entryTime() != null ? Instant.ofEpochSecond(change.entryTime()) : event.time() != null ? event.time() : Instant.now();
        String updateKey = ACCOUNT_UPDATE.equals(change.field()) && change.event() != null ? change.event() : change.field();
        return observe(tx, change.wabaId(), updateKey, change.value(), at).chain(() -> {
            if (!ACCOUNT_UPDATE.equals(change.field()) || change.event() == null) {
                return Uni.createFrom().voidItem();
            }
            if ("PARTNER_REMOVED".equals(change.event())) {
                return offboard(tx, change.wabaId(), at, effects);
            }
            if (STATUS_EVENTS.contains(change.event())) {
                return statusChanged(tx, change, at, effects);
            }
            if (WabaLifecycle.EVENTS.contains(change.event())) {
                return lifecycle.apply(tx, change, at, effects);
            }
            // Any other account update (reference §3.4: new ones keep appearing) is kept on the WABA, never rejected.
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Creates an observed row if needed and records the latest update of this kind with its time; an older one
     * arriving late leaves the newer in place.
     */
    private Uni<Void> observe(SqlConnection tx, String wabaId, String updateKey, JsonNode value, Instant at) {
        ObjectNode recorded = json.createObjectNode().put("received_at", at.toString());
        recorded.set("value", value);
        return tx.preparedQuery("""
                        INSERT INTO wabas (waba_id, status, updates) VALUES ($1, 'observed', jsonb_build_object($2::text, $3::text::jsonb))
                        ON CONFLICT (waba_id) DO UPDATE SET updates = CASE
                                WHEN (wabas.updates -> $2::text ->> 'received_at')::timestamptz > $4 THEN wabas.updates
                                ELSE wabas.updates || jsonb_build_object($2::text, $3::text::jsonb) END,
                            updated_at = now()""")
                .execute(Tuple.of(wabaId, updateKey, recorded.toString(), at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * A ban, violation or restriction: kept with its details and announced, once. A redelivery (same time) and an
     * older event arriving late change nothing and announce nothing; of two in the same second (entry.time has whole
     * seconds) the first is the account status, and each stays in {@code updates} under its own name.
     */
    private Uni<Void> statusChanged(SqlConnection tx, MetaWebhookChange change, Instant at, Effects effects) {
        return tx.preparedQuery("""
                        UPDATE wabas SET account_status = $2, account_status_details = $3::text::jsonb, account_status_at = $4, updated_at = now()
                        WHERE waba_id = $1 AND (account_status_at IS NULL OR account_status_at < $4)""")
                .execute(Tuple.of(change.wabaId(), change.event(), String.valueOf(change.value()), at.atOffset(ZoneOffset.UTC)))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        effects.emit(WabaEvents.statusChanged(change.wabaId(), change.event(), change.value(), at));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * With a shared credit line, the revocation is a Graph call: it runs as the WABA's offboarding
     * sequence. Without one, the WABA is offboarded here. Like the other lifecycle events ({@link WabaLifecycle}), a
     * removal no newer than the last lifecycle event applied or the latest signup completion (Meta retries for 7 days, so
     * a removal can arrive after the customer signed up again) is only recorded (in {@code updates}, by
     * {@link #observe}), never applied.
     */
    private Uni<Void> offboard(SqlConnection tx, String wabaId, Instant at, Effects effects) {
        return tx.preparedQuery("SELECT status, hub_id, allocation_config_id, lifecycle_at, signup_completed_at FROM wabas"
                        + " WHERE waba_id = $1 FOR UPDATE")
                .execute(Tuple.of(wabaId))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    String status = row.getString("status");
                    if (Waba.OFFBOARDED.equals(status) || Waba.OFFBOARDING.equals(status)) {
                        return Uni.createFrom().voidItem();
                    }
                    if (WabaLifecycle.olderThanState(row, at)) {
                        return Uni.createFrom().voidItem();
                    }
                    Tuple stamp = Tuple.of(wabaId, at.atOffset(ZoneOffset.UTC));
                    if (row.getString("allocation_config_id") != null) {
                        effects.workDue();
                        return tx.preparedQuery("""
                                        UPDATE wabas SET status = 'offboarding', current_step = 'revoke_credit_sharing', step_attempts = 0,
                                            step_in_flight = false, next_attempt_at = now(), lease_owner = NULL, lease_until = NULL,
                                            lifecycle_event = 'PARTNER_REMOVED', lifecycle_at = $2, updated_at = now()
                                        WHERE waba_id = $1""").execute(stamp)
                                .chain(() -> tx.preparedQuery("""
                                        INSERT INTO waba_steps (waba_id, step, position, status) VALUES ($1, 'revoke_credit_sharing', 0, 'pending')
                                        ON CONFLICT (waba_id, step) DO UPDATE SET status = 'pending', attempts = 0, error = NULL""")
                                        .execute(Tuple.of(wabaId)))
                                .replaceWithVoid();
                    }
                    effects.emit(WabaEvents.offboarded(wabaId, row.getString("hub_id"), "PARTNER_REMOVED", "none", Instant.now()));
                    return tx.preparedQuery("""
                                    UPDATE wabas SET status = 'offboarded', current_step = NULL, credit_sharing = COALESCE(credit_sharing, 'none'),
                                        next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL, offboarded_at = now(),
                                        lifecycle_event = 'PARTNER_REMOVED', lifecycle_at = $2, updated_at = now()
                                    WHERE waba_id = $1""").execute(stamp)
                            .replaceWithVoid();
                });
    }
}

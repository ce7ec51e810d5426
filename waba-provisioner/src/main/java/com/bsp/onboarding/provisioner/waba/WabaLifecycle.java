package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.webhook.MetaWebhookChange;
import com.bsp.onboarding.provisioner.ProvisionerConfig.Meta.WebhookOnboarding;
import com.bsp.onboarding.provisioner.inbox.Effects;
import com.bsp.onboarding.provisioner.meta.MetaApp;
import com.bsp.onboarding.provisioner.meta.MetaApps;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The account lifecycle of a WABA as Meta's {@code account_update} events tell it (reference §3.4):
 * <ul>
 *   <li>{@code PARTNER_ADDED} / {@code PARTNER_APP_INSTALLED} of a WABA without a signup (Meta-hosted Embedded
 *       Signup) starts its provisioning with the hub's System User token, or waits for ops; after an uninstall
 *       they make the token usable again and resume the work;</li>
 *   <li>{@code PARTNER_APP_UNINSTALLED} marks the token unusable and stops the work ({@code app_uninstalled});</li>
 *   <li>{@code ACCOUNT_OFFBOARDED} stops it until {@code ACCOUNT_RECONNECTED}, which resumes it (a provisioned
 *       WABA from its number's registration: the number was re-registered elsewhere);</li>
 *   <li>{@code ACCOUNT_DELETED} ends it.</li>
 * </ul>
 * Each event is applied once: Meta redelivers and reorders them, so an event no newer than the last one applied
 * (or than the signup) changes nothing. Its time is Meta's {@code entry.time} (whole seconds: of two lifecycle
 * events in the same second the first to arrive wins).
 */
@ApplicationScoped
public class WabaLifecycle {

    static final String PARTNER_ADDED = "PARTNER_ADDED";
    static final String PARTNER_APP_INSTALLED = "PARTNER_APP_INSTALLED";
    static final String PARTNER_APP_UNINSTALLED = "PARTNER_APP_UNINSTALLED";
    static final String ACCOUNT_OFFBOARDED = "ACCOUNT_OFFBOARDED";
    static final String ACCOUNT_RECONNECTED = "ACCOUNT_RECONNECTED";
    static final String ACCOUNT_DELETED = "ACCOUNT_DELETED";
    static final Set<String> EVENTS = Set.of(PARTNER_ADDED, PARTNER_APP_INSTALLED, PARTNER_APP_UNINSTALLED, ACCOUNT_OFFBOARDED,
            ACCOUNT_RECONNECTED, ACCOUNT_DELETED);
    /** Statuses a stop event stops (work may be running or due). */
    static final Set<String> LIVE = Set.of(Waba.OBSERVED, Waba.AWAITING_OPS, Waba.PROVISIONING, Waba.PROVISIONED, Waba.FAILED);
    /** Statuses in which no work runs until an event lifts them. */
    public static final Set<String> STOPPED = Set.of(Waba.APP_UNINSTALLED, Waba.ACCOUNT_OFFBOARDED, Waba.ACCOUNT_DELETED);

    private final MetaApps apps;

    public WabaLifecycle(MetaApps apps) {
        this.apps = apps;
    }

    /** The row's state before and after an event; null fields of the result keep the column. */
    record State(String status, String resumeStatus, String tokenState, String tokenSource, String hubId, String businessId,
            WabaStep rerunFrom, boolean stop) {

        State status(String next) {
            return new State(next, resumeStatus, tokenState, tokenSource, hubId, businessId, rerunFrom, stop);
        }

        State resumeStatus(String next) {
            return new State(status, next, tokenState, tokenSource, hubId, businessId, rerunFrom, stop);
        }

        State tokenState(String next) {
            return new State(status, resumeStatus, next, tokenSource, hubId, businessId, rerunFrom, stop);
        }

        State stopped() {
            return new State(status, resumeStatus, tokenState, tokenSource, hubId, businessId, rerunFrom, true);
        }

        State rerunFrom(WabaStep step) {
            return new State(status, resumeStatus, tokenState, tokenSource, hubId, businessId, step, stop);
        }

        State webhookOnboarded(String status, String hub, String business) {
            return new State(status, resumeStatus, tokenState, Waba.SYSTEM_USER_TOKEN, hub, business, WabaStep.SUBSCRIBE_APP, stop);
        }
    }

    /** Applies a lifecycle event to the WABA's row (which exists: the change was just recorded on it). */
    public Uni<Void> apply(SqlConnection tx, MetaWebhookChange change, Instant at, Effects effects) {
        return tx.preparedQuery("SELECT * FROM wabas WHERE waba_id = $1 FOR UPDATE").execute(Tuple.of(change.wabaId()))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    if (olderThanState(row, at)) {
                        return Uni.createFrom().voidItem();
                    }
                    State before = new State(row.getString("status"), row.getString("resume_status"), row.getString("token_state"),
                            row.getString("token_source"), row.getString("hub_id"), row.getString("business_id"), null, false);
                    State after = next(before, change, row);
                    return write(tx, change.wabaId(), change.event(), at, before, after, row.getString("phone_number_id"))
                            .invoke(() -> announce(change.wabaId(), change.event(), change.value(), at, before, after, effects));
                });
    }

    private State next(State s, MetaWebhookChange change, Row row) {
        boolean noSignup = row.getUUID("signup_id") == null;
        return switch (change.event()) {
            case PARTNER_ADDED, PARTNER_APP_INSTALLED -> {
                State usable = s.tokenState("usable");
                if (Waba.APP_UNINSTALLED.equals(s.status())) {
                    usable = usable.status(s.resumeStatus() == null ? Waba.OBSERVED : s.resumeStatus()).resumeStatus(null);
                }
                yield Waba.OBSERVED.equals(usable.status()) && noSignup ? webhookOnboarding(usable, change) : usable;
            }
            case PARTNER_APP_UNINSTALLED -> {
                State unusable = s.tokenState("unusable");
                yield LIVE.contains(s.status()) ? unusable.resumeStatus(s.status()).status(Waba.APP_UNINSTALLED).stopped() : unusable;
            }
            case ACCOUNT_OFFBOARDED -> LIVE.contains(s.status()) ? s.resumeStatus(s.status()).status(Waba.ACCOUNT_OFFBOARDED).stopped()
                    : Waba.APP_UNINSTALLED.equals(s.status()) ? s.status(Waba.ACCOUNT_OFFBOARDED) : s;
            case ACCOUNT_RECONNECTED -> Waba.ACCOUNT_OFFBOARDED.equals(s.status()) ? reconnected(s, row) : s;
            case ACCOUNT_DELETED -> Waba.ACCOUNT_DELETED.equals(s.status()) ? s : s.status(Waba.ACCOUNT_DELETED).resumeStatus(null).stopped();
            default -> s;
        };
    }

    /**
     * Back to where it was; a provisioned WABA runs again from its number (Meta sends ACCOUNT_RECONNECTED after a
     * device change or number re-registration, reference §3.4): registration is checked first, so a number still on
     * Cloud API is left alone. With an unusable token it waits for the app to be installed again.
     */
    private static State reconnected(State s, Row row) {
        String target = s.resumeStatus() == null ? Waba.OBSERVED : s.resumeStatus();
        State resumed = s;
        if (Waba.PROVISIONED.equals(target)) {
            target = Waba.PROVISIONING;
            resumed = s.rerunFrom(row.getString("phone_number_id") != null ? WabaStep.REGISTER_PHONE : WabaStep.RESOLVE_PHONE_NUMBER);
        }
        return "unusable".equals(s.tokenState()) ? resumed.status(Waba.APP_UNINSTALLED).resumeStatus(target)
                : resumed.status(target).resumeStatus(null);
    }

    /** A WABA known from the webhook alone: its hub is the one of the Meta app that received it, when exactly one. */
    private State webhookOnboarding(State s, MetaWebhookChange change) {
        JsonNode info = change.value() == null ? null : change.value().path("waba_info");
        String appId = change.appId() != null ? change.appId() : text(info, "partner_app_id");
        String business = text(info, "owner_business_id");
        List<MetaApp> matching = apps.withAppId(appId);
        if (matching.size() != 1) {
            return s.webhookOnboarded(Waba.AWAITING_OPS, null, business);
        }
        MetaApp app = matching.get(0);
        return s.webhookOnboarded(app.webhookOnboarding() == WebhookOnboarding.AUTO ? Waba.PROVISIONING : Waba.AWAITING_OPS,
                app.hubId(), business);
    }

    private Uni<Void> write(SqlConnection tx, String wabaId, String event, Instant at, State before, State after, String phone) {
        boolean runNow = Waba.PROVISIONING.equals(after.status()) && !Waba.PROVISIONING.equals(before.status());
        WabaStep rerun = after.rerunFrom();
        return tx.preparedQuery("""
                        UPDATE wabas SET status = $2, resume_status = $3, token_state = $4, token_source = $5, hub_id = $6,
                            business_id = COALESCE(business_id, $7), lifecycle_event = $8, lifecycle_at = $9,
                            current_step = COALESCE($10, current_step), step_attempts = CASE WHEN $10::text IS NULL THEN step_attempts ELSE 0 END,
                            next_attempt_at = CASE WHEN $11 THEN now() WHEN $12 THEN NULL ELSE next_attempt_at END,
                            lease_owner = CASE WHEN $11 OR $12 THEN NULL ELSE lease_owner END,
                            lease_until = CASE WHEN $11 OR $12 THEN NULL ELSE lease_until END,
                            updated_at = now()
                        WHERE waba_id = $1""")
                .execute(Tuple.from(new Object[] {wabaId, after.status(), after.resumeStatus(), after.tokenState(), after.tokenSource(),
                        after.hubId(), after.businessId(), event, at.atOffset(ZoneOffset.UTC), rerun == null ? null : rerun.wireName(),
                        runNow, after.stop()}))
                .chain(() -> rerun == null ? Uni.createFrom().voidItem() : WabaSteps.pendingFrom(tx, wabaId, rerun))
                .replaceWithVoid();
    }

    private void announce(String wabaId, String event, JsonNode details, Instant at, State before, State after, Effects effects) {
        if (Objects.equals(before.status(), after.status()) && Objects.equals(before.tokenState(), after.tokenState())) {
            return;
        }
        if (Waba.PROVISIONING.equals(after.status())) {
            effects.workDue();
        }
        effects.emit(WabaEvents.lifecycleChanged(wabaId, after.hubId(), event, after.status(), before.status(), after.tokenState(),
                after.tokenSource(), details, at));
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.path(field).isTextual() ? null : node.path(field).asText();
    }

    /**
     * An event at {@code at} no newer than the last lifecycle event applied to the row or its latest signup completion:
     * it would undo a newer state, so it is recorded, not applied.
     */
    static boolean olderThanState(Row row, Instant at) {
        Instant clock = latest(instant(row, "lifecycle_at"), instant(row, "signup_completed_at"));
        return clock != null && !at.isAfter(clock);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}

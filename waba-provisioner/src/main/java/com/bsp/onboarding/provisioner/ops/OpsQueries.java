package com.bsp.onboarding.provisioner.ops;

import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.provisioner.channel.ChannelStore;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.ProblemException;
import com.bsp.onboarding.provisioner.runner.WorkflowRunner;
import com.bsp.onboarding.provisioner.waba.Waba;
import com.bsp.onboarding.provisioner.waba.WabaStep;
import com.bsp.onboarding.provisioner.waba.WabaStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and retries for the ops API. */
@ApplicationScoped
public class OpsQueries {

    static final Set<String> WABA_STATUSES = Set.of("observed", "awaiting_ops", "provisioning", "provisioned", "failed", "offboarding",
            "offboarded", "app_uninstalled", "account_offboarded", "account_deleted");
    private static final String WABA_COLUMNS = "waba_id, hub_id, status, current_step, next_attempt_at, signup_id, business_id, "
            + "phone_number_id, finish_type, signup_session_id, customer_reference, dialog360_client_id, credit_sharing, allocation_config_id, phone_registration, message_template_namespace, account_status, "
            + "account_status_details, account_status_at, updates, last_error, created_at, updated_at, provisioned_at, offboarded_at, "
            + "token_source, token_state, lifecycle_event, lifecycle_at, resume_status";

    private final Pool pool;
    private final WorkflowRunner runner;
    private final ObjectMapper json = EventJson.newMapper();

    public OpsQueries(Pool pool, WorkflowRunner runner) {
        this.pool = pool;
        this.runner = runner;
    }

    public Uni<WabaView> waba(String wabaId) {
        return pool.preparedQuery("SELECT " + WABA_COLUMNS + " FROM wabas WHERE waba_id = $1").execute(Tuple.of(wabaId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw Problem.notFound("No WABA " + wabaId + " is known here.").exception();
                    }
                    Row waba = rows.iterator().next();
                    return pool.preparedQuery("SELECT * FROM waba_steps WHERE waba_id = $1 ORDER BY position").execute(Tuple.of(wabaId))
                            .map(steps -> {
                                List<WabaView.Step> list = new ArrayList<>();
                                steps.forEach(s -> list.add(new WabaView.Step(s.getString("step"), s.getString("status"),
                                        s.getInteger("attempts"), instant(s, "started_at"), instant(s, "finished_at"),
                                        s.getString("outcome"), jsonb(s, "error"))));
                                return toView(waba, list);
                            });
                });
    }

    /** WABAs in a status (all when null), most recently changed first. */
    public Uni<List<WabaView>> wabas(String status, int limit) {
        if (status != null && !WABA_STATUSES.contains(status)) {
            throw invalid("status must be one of " + WABA_STATUSES);
        }
        if (limit < 1 || limit > 500) {
            throw invalid("limit must be between 1 and 500");
        }
        return pool.preparedQuery("SELECT " + WABA_COLUMNS + " FROM wabas WHERE ($1::text IS NULL OR status = $1)"
                        + " ORDER BY updated_at DESC, waba_id LIMIT $2")
                .execute(Tuple.of(status, limit))
                .map(rows -> {
                    List<WabaView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toView(row, null)));
                    return list;
                });
    }

    /** Puts a failed WABA back in line at its failed step (checking first whether that step took effect). */
    public Uni<WabaView> retryWaba(String wabaId) {
        return pool.withTransaction(tx -> WabaStore.lockForOps(tx, wabaId, "status, current_step")
                        .flatMap(row -> {
                            if (!Waba.FAILED.equals(row.getString("status"))) {
                                throw conflict("Only a failed WABA can be retried; this one is " + row.getString("status") + ".");
                            }
                            String resumeAs = WabaStep.REVOKE_CREDIT_SHARING.wireName().equals(row.getString("current_step"))
                                    ? Waba.OFFBOARDING : Waba.PROVISIONING;
                            return WabaStore.TABLE.retryFailed(tx, new Object[] {wabaId}, resumeAs)
                                    .chain(() -> tx.preparedQuery("UPDATE waba_steps SET status = 'pending' WHERE waba_id = $1 AND status = 'failed'")
                                            .execute(Tuple.of(wabaId)));
                        }))
                .invoke(runner::wake)
                .chain(() -> waba(wabaId));
    }

    public Uni<ChannelView> channel(String partnerId, String channelId) {
        return pool.preparedQuery("SELECT * FROM channels WHERE partner_id = $1 AND channel_id = $2").execute(Tuple.of(partnerId, channelId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problem.notFound("No channel " + channelId + " of partner " + partnerId + " is known here.").exception();
                    }
                    Row r = rows.iterator().next();
                    return new ChannelView(r.getString("partner_id"), r.getString("channel_id"), r.getString("hub_id"),
                            r.getString("client_id"), r.getBoolean("permitted"), r.getBoolean("running"), r.getString("hub_status"),
                            r.getString("status"), r.getString("current_step"), r.getInteger("step_attempts"),
                            instant(r, "next_attempt_at"), r.getString("webhook_url"), jsonb(r, "last_error"), instant(r, "created_at"),
                            instant(r, "updated_at"), instant(r, "provisioned_at"), instant(r, "revoked_at"), jsonb(r, "account_events"));
                });
    }

    public Uni<ChannelView> retryChannel(String partnerId, String channelId) {
        return ChannelStore.TABLE.retryFailed(pool, new Object[] {partnerId, channelId}, "provisioning")
                .flatMap(updated -> channel(partnerId, channelId).map(view -> {
                    if (updated == 0) {
                        throw conflict("Only a failed channel can be retried; this one is " + view.status() + ".");
                    }
                    runner.wake();
                    return view;
                }));
    }

    private WabaView toView(Row r, List<WabaView.Step> steps) {
        String accountStatus = r.getString("account_status");
        JsonNode updates = jsonb(r, "updates");
        String lifecycle = r.getString("lifecycle_event");
        return new WabaView(r.getString("waba_id"), r.getString("hub_id"), r.getString("status"), r.getString("current_step"),
                instant(r, "next_attempt_at"), r.getUUID("signup_id") == null ? null : r.getUUID("signup_id").toString(),
                r.getString("business_id"), r.getString("phone_number_id"), r.getString("finish_type"), r.getString("signup_session_id"),
                r.getString("customer_reference"), r.getString("dialog360_client_id"), r.getString("credit_sharing"),
                r.getString("allocation_config_id"), r.getString("phone_registration"), r.getString("message_template_namespace"),
                accountStatus == null ? null : new WabaView.AccountStatus(accountStatus, jsonb(r, "account_status_details"),
                        instant(r, "account_status_at")),
                updates, jsonb(r, "last_error"), instant(r, "created_at"), instant(r, "updated_at"),
                instant(r, "provisioned_at"), instant(r, "offboarded_at"), steps, r.getString("token_source"), r.getString("token_state"),
                lifecycle == null ? null : new WabaView.AccountStatus(lifecycle, updates == null ? null : updates.path(lifecycle).path("value"),
                        instant(r, "lifecycle_at")),
                r.getString("resume_status"), detail(updates, "ACCOUNT_VIOLATION", "violation_info"),
                detail(updates, "ACCOUNT_RESTRICTION", "restriction_info"), detail(updates, "DISABLED_UPDATE", "ban_info"));
    }

    /** The latest update of a kind (Meta's reference §3.4 names each one's details field). */
    private static WabaView.Detail detail(JsonNode updates, String kind, String field) {
        JsonNode update = updates == null ? null : updates.get(kind);
        if (update == null) {
            return null;
        }
        JsonNode info = update.path("value").path(field);
        return new WabaView.Detail(info.isMissingNode() ? update.path("value") : info, update.path("received_at").asText(null));
    }

    private JsonNode jsonb(Row row, String column) {
        Object value = row.getValue(column);
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value.toString());
        } catch (Exception e) {
            return null;
        }
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static ProblemException conflict(String detail) {
        return Problem.of("conflict", "Conflict", 409, detail).exception();
    }

    private static ProblemException invalid(String detail) {
        return Problem.of("invalid-parameters", "Invalid request parameters", 400, detail).exception();
    }
}

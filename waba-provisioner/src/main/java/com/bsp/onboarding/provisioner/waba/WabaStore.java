package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import com.bsp.onboarding.provisioner.runner.WorkflowTable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Persistence of WABA workflows: each step is recorded before the next begins. */
@ApplicationScoped
public class WabaStore {

    public static final WorkflowTable TABLE = new WorkflowTable("wabas", List.of("waba_id"),
            List.of(Waba.PROVISIONING, Waba.OFFBOARDING));

    private final Pool pool;

    public WabaStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Waba>> claimDue(String owner, Duration lease, int limit) {
        return TABLE.claimDue(pool, owner, lease, limit).map(WabaStore::toWabas);
    }

    /** Marks the step in flight; empty when this replica no longer owns the WABA. */
    public Uni<Optional<Waba>> startStep(Waba waba, String owner, Duration lease) {
        String step = waba.currentStep().wireName();
        return pool.withTransaction(tx -> TABLE.startStep(tx, key(waba), owner, lease, step)
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<Waba>empty())
                        : tx.preparedQuery("""
                                INSERT INTO waba_steps (waba_id, step, position, status, attempts, started_at)
                                VALUES ($1, $2, $3, 'in_flight', 1, now())
                                ON CONFLICT (waba_id, step) DO UPDATE SET status = 'in_flight', attempts = waba_steps.attempts + 1,
                                    started_at = now(), finished_at = NULL""")
                                .execute(Tuple.of(waba.wabaId(), step, waba.currentStep().position()))
                                .map(ignored -> Optional.of(toWaba(rows.iterator().next())))));
    }

    /**
     * Records a finished step and makes the next one current, or ends the sequence in {@code finalStatus}
     * with the events that announce it, all in one transaction. Empty when the lease was lost.
     */
    public Uni<Optional<Waba>> completeStep(Waba waba, String owner, Duration lease, StepOutcome outcome, String finalStatus,
            List<OutboxRecord> finalEvents) {
        WabaStep step = waba.currentStep();
        WabaStep next = step.next();
        String status = next == null ? finalStatus : waba.status();
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        UPDATE wabas SET credit_line_id = COALESCE($4, credit_line_id),
                            allocation_config_id = COALESCE($5, allocation_config_id), credit_sharing = COALESCE($6, credit_sharing),
                            phone_registration = COALESCE($7, phone_registration),
                            message_template_namespace = COALESCE($8, message_template_namespace),
                            phone_number_id = COALESCE($12, phone_number_id),
                            dialog360_client_id = COALESCE($13, dialog360_client_id),
                            current_step = $9, status = $10, step_attempts = 0, step_in_flight = false, last_error = NULL,
                            next_attempt_at = CASE WHEN $9::text IS NULL THEN NULL ELSE now() END,
                            lease_until = CASE WHEN $9::text IS NULL THEN NULL ELSE now() + make_interval(secs => $11) END,
                            lease_owner = CASE WHEN $9::text IS NULL THEN NULL ELSE lease_owner END,
                            provisioned_at = CASE WHEN $10 = 'provisioned' THEN now() ELSE provisioned_at END,
                            offboarded_at = CASE WHEN $10 = 'offboarded' THEN now() ELSE offboarded_at END,
                            updated_at = now()
                        WHERE waba_id = $1 AND lease_owner = $2 AND current_step = $3 RETURNING *""")
                .execute(Tuple.from(new Object[] {waba.wabaId(), owner, step.wireName(), outcome.creditLineId(),
                        outcome.allocationConfigId(), outcome.creditSharing(), outcome.phoneRegistration(),
                        outcome.messageTemplateNamespace(), next == null ? null : next.wireName(), status,
                        lease.toMillis() / 1000.0, outcome.phoneNumberId(), outcome.dialog360ClientId()}))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<Waba>empty())
                        : tx.preparedQuery("UPDATE waba_steps SET status = $3, finished_at = now(), outcome = $4, error = NULL"
                                        + " WHERE waba_id = $1 AND step = $2")
                                .execute(Tuple.of(waba.wabaId(), step.wireName(), outcome.skipped() ? "skipped" : "done", outcome.outcome()))
                                .chain(() -> next == null ? OutboxWriter.append(tx, finalEvents) : Uni.createFrom().voidItem())
                                .map(ignored -> Optional.of(toWaba(rows.iterator().next())))));
    }

    public Uni<Boolean> scheduleRetry(Waba waba, String owner, ProvisioningError error, Duration delay) {
        String step = waba.currentStep().wireName();
        return pool.withTransaction(tx -> TABLE.scheduleRetry(tx, key(waba), owner, step, error, delay)
                .flatMap(updated -> updated == 0 ? Uni.createFrom().item(false) : stepFinished(tx, waba, "retrying", error)));
    }

    public Uni<Boolean> fail(Waba waba, String owner, ProvisioningError error, List<OutboxRecord> events) {
        String step = waba.currentStep().wireName();
        return pool.withTransaction(tx -> TABLE.fail(tx, key(waba), owner, step, error)
                .flatMap(updated -> updated == 0 ? Uni.createFrom().item(false)
                        : stepFinished(tx, waba, "failed", error).call(() -> OutboxWriter.append(tx, events))));
    }

    /** Keeps the PIN (sealed) before registering, so a retry registers with the same one. */
    public Uni<Void> savePin(Waba waba, String owner, EncryptedSecret pin) {
        return pool.preparedQuery("UPDATE wabas SET pin_key_id = $3, pin_ciphertext = $4 WHERE waba_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(waba.wabaId(), owner, pin.keyId(), pin.ciphertext()))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new LeaseLostException();
                    }
                    return rows;
                })
                .replaceWithVoid();
    }

    /** Locks a WABA's row for an ops change and reads {@code columns}; a 404 problem when it is unknown. */
    public static Uni<Row> lockForOps(io.vertx.mutiny.sqlclient.SqlClient tx, String wabaId, String columns) {
        return tx.preparedQuery("SELECT " + columns + " FROM wabas WHERE waba_id = $1 FOR UPDATE").execute(Tuple.of(wabaId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw com.bsp.onboarding.http.problem.Problem.notFound("No WABA " + wabaId + " is known here.").exception();
                    }
                    return rows.iterator().next();
                });
    }

    public Uni<Integer> releaseLeases(String owner) {
        return TABLE.releaseLeases(pool, owner);
    }

    private static Uni<Boolean> stepFinished(io.vertx.mutiny.sqlclient.SqlClient tx, Waba waba, String status, ProvisioningError error) {
        return tx.preparedQuery("UPDATE waba_steps SET status = $3, finished_at = now(), error = $4::text::jsonb"
                        + " WHERE waba_id = $1 AND step = $2")
                .execute(Tuple.of(waba.wabaId(), waba.currentStep().wireName(), status, WorkflowTable.json(error)))
                .replaceWith(true);
    }

    private static Object[] key(Waba waba) {
        return new Object[] {waba.wabaId()};
    }

    static List<Waba> toWabas(RowSet<Row> rows) {
        List<Waba> wabas = new ArrayList<>(rows.size());
        rows.forEach(row -> wabas.add(toWaba(row)));
        return wabas;
    }

    static Waba toWaba(Row row) {
        return new Waba(row.getString("waba_id"), row.getString("hub_id"), row.getUUID("signup_id"), row.getString("business_id"),
                row.getString("phone_number_id"), sealed(row, "token_key_id", "token_ciphertext"), row.getString("status"),
                WabaStep.fromWire(row.getString("current_step")), row.getInteger("step_attempts"), row.getString("credit_line_id"),
                row.getString("allocation_config_id"), row.getString("credit_sharing"), sealed(row, "pin_key_id", "pin_ciphertext"),
                row.getString("phone_registration"), row.getString("message_template_namespace"), row.getString("finish_type"),
                row.getString("customer_reference"), row.getString("token_source"), row.getString("dialog360_client_id"));
    }

    private static EncryptedSecret sealed(Row row, String keyColumn, String ciphertextColumn) {
        String keyId = row.getString(keyColumn);
        return keyId == null ? null : new EncryptedSecret(keyId, row.getString(ciphertextColumn));
    }

    /** This replica's lease on a workflow ended (it stalled past it, or input events restarted the workflow). */
    public static final class LeaseLostException extends RuntimeException {
        public LeaseLostException() {
            super("lease lost", null, false, false);
        }
    }
}

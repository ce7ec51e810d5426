package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.SecretSealer.SecretUnreadableException;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.provisioner.crypto.Secrets;
import com.bsp.onboarding.provisioner.inbox.BatchInbox;
import com.bsp.onboarding.provisioner.inbox.Effects;
import com.bsp.onboarding.provisioner.inbox.EventHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code signup completed}: starts (or, for a newer signup of the same WABA, restarts) its provisioning.
 * The business token is opened with the transport key and sealed again with this service's storage key.
 */
@ApplicationScoped
public class SignupHandler implements EventHandler {

    private final Secrets secrets;
    private final BatchInbox inbox;
    private final ObjectMapper json = EventJson.newMapper();

    public SignupHandler(Secrets secrets, BatchInbox inbox) {
        this.secrets = secrets;
        this.inbox = inbox;
    }

    /** The way in from {@link Topics#SIGNUP_EVENTS}: batches in partition order, so the events of one key apply in order. */
    @Incoming("signups-in")
    public Uni<Void> signups(KafkaRecordBatch<String, String> batch) {
        return inbox.apply(Topics.SIGNUP_EVENTS, batch, this);
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, CloudEvent<JsonNode> event, Effects effects) {
        if (!SignupEventTypes.SIGNUP_COMPLETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        SignupCompleted signup;
        UUID signupId;
        EncryptedSecret token;
        try {
            signup = json.treeToValue(event.data(), SignupCompleted.class);
            signupId = UUID.fromString(signup.signupId());
            if (signup.wabaId() == null || signup.businessToken() == null || signup.completedAt() == null) {
                throw new UnusableEventException("signup_incomplete");
            }
            token = secrets.sealForStorage(secrets.openFromTransport(signup.businessToken(), signup.signupId()), signup.wabaId());
        } catch (SecretUnreadableException e) {
            throw new UnusableEventException("token_unreadable: " + e.getMessage());
        } catch (UnusableEventException e) {
            throw e;
        } catch (Exception e) {
            throw new UnusableEventException("signup_unreadable");
        }
        return tx.preparedQuery("SELECT status, signup_id, signup_completed_at FROM wabas WHERE waba_id = $1 FOR UPDATE")
                .execute(Tuple.of(signup.wabaId()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return insert(tx, signup, signupId, token, effects);
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime previous = row.getOffsetDateTime("signup_completed_at");
                    boolean newer = previous == null || signup.completedAt().isAfter(previous.toInstant());
                    if (signupId.equals(row.getUUID("signup_id")) || !newer) {
                        return Uni.createFrom().voidItem();
                    }
                    return restart(tx, signup, signupId, token, Waba.OFFBOARDED.equals(row.getString("status")), effects);
                });
    }

    private Uni<Void> insert(SqlConnection tx, SignupCompleted s, UUID signupId, EncryptedSecret token, Effects effects) {
        effects.workDue();
        return tx.preparedQuery("""
                        INSERT INTO wabas (waba_id, hub_id, signup_id, business_id, phone_number_id, token_key_id, token_ciphertext,
                            status, current_step, next_attempt_at, signup_completed_at, finish_type, signup_session_id, customer_reference)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, 'provisioning', 'subscribe_app', now(), $8, $9, $10, $11)""")
                .execute(Tuple.from(new Object[] {s.wabaId(), s.hubId(), signupId, s.businessId(), s.phoneNumberId(), token.keyId(),
                        token.ciphertext(), s.completedAt().atOffset(ZoneOffset.UTC), s.finishType(), s.signupSessionId(),
                        s.customerReference()}))
                .chain(() -> pendingSteps(tx, s.wabaId()));
    }

    /**
     * A newer signup of a WABA we know: run the sequence again with its token, number and finish type (a
     * number may have moved to or from coexistence). Steps that took
     * effect before are recognised (allocation kept, number registered), so nothing is done twice; after an
     * offboarding the revoked allocation is forgotten, so the credit line is shared again.
     */
    private Uni<Void> restart(SqlConnection tx, SignupCompleted s, UUID signupId, EncryptedSecret token, boolean wasOffboarded,
            Effects effects) {
        effects.workDue();
        return tx.preparedQuery("""
                        UPDATE wabas SET hub_id = $2, signup_id = $3, business_id = COALESCE($4, business_id), phone_number_id = $5,
                            token_key_id = $6, token_ciphertext = $7, status = 'provisioning', current_step = 'subscribe_app',
                            step_attempts = 0, step_in_flight = false, next_attempt_at = now(), lease_owner = NULL, lease_until = NULL,
                            pin_key_id = CASE WHEN phone_number_id = $5 THEN pin_key_id END,
                            pin_ciphertext = CASE WHEN phone_number_id = $5 THEN pin_ciphertext END,
                            phone_registration = NULL, last_error = NULL, provisioned_at = NULL, signup_completed_at = $8,
                            allocation_config_id = CASE WHEN $9 THEN NULL ELSE allocation_config_id END,
                            credit_sharing = CASE WHEN $9 THEN NULL ELSE credit_sharing END, offboarded_at = NULL,
                            finish_type = $10, signup_session_id = $11, customer_reference = $12, updated_at = now()
                        WHERE waba_id = $1""")
                .execute(Tuple.from(new Object[] {s.wabaId(), s.hubId(), signupId, s.businessId(), s.phoneNumberId(), token.keyId(),
                        token.ciphertext(), s.completedAt().atOffset(ZoneOffset.UTC), wasOffboarded, s.finishType(),
                        s.signupSessionId(), s.customerReference()}))
                .chain(() -> tx.preparedQuery("DELETE FROM waba_steps WHERE waba_id = $1").execute(Tuple.of(s.wabaId())))
                .chain(() -> pendingSteps(tx, s.wabaId()));
    }

    private static Uni<Void> pendingSteps(SqlConnection tx, String wabaId) {
        List<Tuple> rows = new ArrayList<>();
        for (WabaStep step : WabaStep.PROVISIONING) {
            rows.add(Tuple.of(wabaId, step.wireName(), step.position()));
        }
        return tx.preparedQuery("INSERT INTO waba_steps (waba_id, step, position, status) VALUES ($1, $2, $3, 'pending')")
                .executeBatch(rows).replaceWithVoid();
    }
}

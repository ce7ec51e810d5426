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
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code signup completed}: starts (or, for a newer signup of the same WABA, restarts) its provisioning.
 * The business token is opened with the signup's hub's transport ring (as {@code business-token|<hub>|<signup id>}: a
 * token sealed for another hub, record or purpose does not open and the event is dead-lettered) and sealed again with
 * this service's storage key.
 */
@ApplicationScoped
public class SignupHandler implements EventHandler {

    /** A WABA onboarded by webhook that is already being (or was) provisioned with the System User token. */
    static final Set<String> ATTACHABLE = Set.of(Waba.PROVISIONING, Waba.PROVISIONED, Waba.FAILED);

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
            token = secrets.sealForStorage(secrets.openBusinessToken(signup.hubId(), signup.signupId(), signup.businessToken()),
                    signup.wabaId());
        } catch (SecretUnreadableException e) {
            throw new UnusableEventException("token_unreadable: " + e.getMessage());
        } catch (UnusableEventException e) {
            throw e;
        } catch (Exception e) {
            throw new UnusableEventException("signup_unreadable");
        }
        return tx.preparedQuery("""
                        SELECT status, signup_id, signup_completed_at, token_source, lifecycle_at FROM wabas WHERE waba_id = $1 FOR UPDATE""")
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
                    String status = row.getString("status");
                    if (row.getUUID("signup_id") == null && Waba.SYSTEM_USER_TOKEN.equals(row.getString("token_source"))
                            && ATTACHABLE.contains(status)) {
                        return attach(tx, signup, signupId, token);
                    }
                    OffsetDateTime stoppedAt = WabaLifecycle.STOPPED.contains(status) ? row.getOffsetDateTime("lifecycle_at") : null;
                    boolean staysStopped = stoppedAt != null && stoppedAt.toInstant().isAfter(signup.completedAt());
                    return restart(tx, signup, signupId, token, Waba.OFFBOARDED.equals(status), staysStopped, effects);
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
                .chain(() -> WabaSteps.pendingFrom(tx, s.wabaId(), WabaStep.SUBSCRIBE_APP));
    }

    /**
     * The signup of a WABA already provisioned (or being provisioned) from its webhook alone: nothing runs twice.
     * Its token and details are kept, and the steps still to come use the business token.
     */
    private Uni<Void> attach(SqlConnection tx, SignupCompleted s, UUID signupId, EncryptedSecret token) {
        return tx.preparedQuery("""
                        UPDATE wabas SET hub_id = COALESCE(hub_id, $2), signup_id = $3, business_id = COALESCE(business_id, $4),
                            phone_number_id = COALESCE(phone_number_id, $5), token_key_id = $6, token_ciphertext = $7,
                            token_source = 'business', signup_completed_at = $8, finish_type = $9, signup_session_id = $10,
                            customer_reference = $11, updated_at = now()
                        WHERE waba_id = $1""")
                .execute(Tuple.from(new Object[] {s.wabaId(), s.hubId(), signupId, s.businessId(), s.phoneNumberId(), token.keyId(),
                        token.ciphertext(), s.completedAt().atOffset(ZoneOffset.UTC), s.finishType(), s.signupSessionId(),
                        s.customerReference()}))
                .replaceWithVoid();
    }

    /**
     * A newer signup of a WABA we know: run the sequence again with its token, number and finish type (a
     * number may have moved to or from coexistence). Steps that took
     * effect before are recognised (allocation kept, number registered), so nothing is done twice; after an
     * offboarding the revoked allocation is forgotten, so the credit line is shared again. A newer signup lifts an
     * uninstall or an account offboarding that came before it; one that came after it (a late, older signup) keeps
     * the WABA stopped, ready to resume from the start.
     */
    private Uni<Void> restart(SqlConnection tx, SignupCompleted s, UUID signupId, EncryptedSecret token, boolean wasOffboarded,
            boolean staysStopped, Effects effects) {
        if (!staysStopped) {
            effects.workDue();
        }
        return tx.preparedQuery("""
                        UPDATE wabas SET hub_id = $2, signup_id = $3, business_id = COALESCE($4, business_id), phone_number_id = $5,
                            token_key_id = $6, token_ciphertext = $7, token_source = 'business',
                            status = CASE WHEN $13 THEN status ELSE 'provisioning' END,
                            resume_status = CASE WHEN $13 THEN 'provisioning' END,
                            token_state = CASE WHEN $13 THEN token_state ELSE 'usable' END, current_step = 'subscribe_app',
                            step_attempts = 0, step_in_flight = false, next_attempt_at = CASE WHEN $13 THEN NULL ELSE now() END,
                            lease_owner = NULL, lease_until = NULL,
                            pin_key_id = CASE WHEN phone_number_id = $5 THEN pin_key_id END,
                            pin_ciphertext = CASE WHEN phone_number_id = $5 THEN pin_ciphertext END,
                            phone_registration = NULL, last_error = NULL, provisioned_at = NULL, signup_completed_at = $8,
                            allocation_config_id = CASE WHEN $9 THEN NULL ELSE allocation_config_id END,
                            credit_sharing = CASE WHEN $9 THEN NULL ELSE credit_sharing END, offboarded_at = NULL,
                            finish_type = $10, signup_session_id = $11, customer_reference = $12, updated_at = now()
                        WHERE waba_id = $1""")
                .execute(Tuple.from(new Object[] {s.wabaId(), s.hubId(), signupId, s.businessId(), s.phoneNumberId(), token.keyId(),
                        token.ciphertext(), s.completedAt().atOffset(ZoneOffset.UTC), wasOffboarded, s.finishType(),
                        s.signupSessionId(), s.customerReference(), staysStopped}))
                .chain(() -> tx.preparedQuery("DELETE FROM waba_steps WHERE waba_id = $1").execute(Tuple.of(s.wabaId())))
                .chain(() -> WabaSteps.pendingFrom(tx, s.wabaId(), WabaStep.SUBSCRIBE_APP));
    }
}

package com.bsp.onboarding.token.signup;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The signups table. A code is claimed by its hash before it is exchanged, so it is exchanged at most once. */
@ApplicationScoped
public class SignupStore {

    private static final String COLUMNS = "id, hub_id, status, waba_id, phone_number_id, business_id, finish_type, "
            + "problem_type, problem_status, problem_detail, created_at, completed_at";

    private static final String COMPLETE = """
            WITH completed AS (
                UPDATE signups SET status = 'completed', token_key_id = $2, token_ciphertext = $3, completed_at = $4
                WHERE id = $1 AND status = 'exchanging' RETURNING\s""" + COLUMNS + """
            ), announced AS (
            """ + OutboxWriter.insertSqlIfAnyRowIn("completed", 5) + """
            )
            SELECT * FROM completed""";

    private final Pool pool;

    public SignupStore(Pool pool) {
        this.pool = pool;
    }

    /** True when this call claimed the code; false when another submission holds it. */
    public Uni<Boolean> claim(UUID id, String hubId, String codeSha256, SignupRequest request, Instant now) {
        return pool.preparedQuery("""
                        INSERT INTO signups (id, hub_id, code_sha256, status, waba_id, phone_number_id, business_id, finish_type, created_at)
                        VALUES ($1, $2, $3, 'exchanging', $4, $5, $6, $7, $8)
                        ON CONFLICT (code_sha256) DO NOTHING RETURNING id""")
                .execute(Tuple.tuple().addUUID(id).addString(hubId).addString(codeSha256).addString(request.wabaId())
                        .addString(request.phoneNumberId()).addString(request.businessId()).addString(request.finishType())
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Signup>> findByCode(String codeSha256) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM signups WHERE code_sha256 = $1").execute(Tuple.of(codeSha256))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSignup(rows.iterator().next())));
    }

    public Uni<Optional<Signup>> find(String hubId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM signups WHERE id = $1 AND hub_id = $2").execute(Tuple.of(id, hubId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSignup(rows.iterator().next())));
    }

    /**
     * Stores the sealed token and the event that announces it in one statement, atomic on its own: one
     * round trip and one commit on the path the customer's browser is waiting on.
     */
    public Uni<Signup> complete(UUID id, EncryptedSecret token, OutboxRecord event, Instant now) {
        return pool.preparedQuery(COMPLETE)
                .execute(OutboxWriter.addParameters(Tuple.tuple().addUUID(id).addString(token.keyId()).addString(token.ciphertext())
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)), List.of(event)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new IllegalStateException("Signup " + id + " was no longer being exchanged");
                    }
                    return toSignup(rows.iterator().next());
                });
    }

    /** A final refusal: a resubmission of the code gets the same answer without asking Graph again. */
    public Uni<Void> fail(UUID id, String problemType, int problemStatus, String detail, Instant now) {
        return pool.preparedQuery("""
                        UPDATE signups SET status = 'failed', problem_type = $2, problem_status = $3, problem_detail = $4, completed_at = $5
                        WHERE id = $1 AND status = 'exchanging'""")
                .execute(Tuple.of(id, problemType, problemStatus, detail, now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Gives a code back when Graph could not be asked: a resubmission may try again. */
    public Uni<Void> release(UUID id) {
        return pool.preparedQuery("DELETE FROM signups WHERE id = $1 AND status = 'exchanging'").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Frees a claim left behind by a crash mid-exchange, so the code can be tried again (Graph then says whether it was used). */
    public Uni<Boolean> releaseIfStale(String codeSha256, Instant staleBefore) {
        return pool.preparedQuery("DELETE FROM signups WHERE code_sha256 = $1 AND status = 'exchanging' AND created_at < $2")
                .execute(Tuple.of(codeSha256, staleBefore.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Sealed tokens whose key is not {@code currentKeyId}: the work of a key rotation. */
    public Uni<List<SealedToken>> sealedWithOtherKey(String currentKeyId, int limit) {
        return pool.preparedQuery("""
                        SELECT id, token_key_id, token_ciphertext FROM signups
                        WHERE token_ciphertext IS NOT NULL AND token_key_id <> $1 LIMIT $2""")
                .execute(Tuple.of(currentKeyId, limit))
                .map(rows -> {
                    List<SealedToken> tokens = new ArrayList<>(rows.size());
                    rows.forEach(row -> tokens.add(new SealedToken(row.getUUID("id"),
                            new EncryptedSecret(row.getString("token_key_id"), row.getString("token_ciphertext")))));
                    return tokens;
                });
    }

    /** Replaces a sealed token, unless someone else changed it meanwhile. */
    public Uni<Boolean> reseal(UUID id, EncryptedSecret previous, EncryptedSecret replacement) {
        return pool.preparedQuery("""
                        UPDATE signups SET token_key_id = $3, token_ciphertext = $4
                        WHERE id = $1 AND token_key_id = $2 AND token_ciphertext = $5""")
                .execute(Tuple.of(id, previous.keyId(), replacement.keyId(), replacement.ciphertext(), previous.ciphertext()))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Long> countSealedWithOtherKey(String currentKeyId) {
        return pool.preparedQuery("SELECT count(*) FROM signups WHERE token_ciphertext IS NOT NULL AND token_key_id <> $1")
                .execute(Tuple.of(currentKeyId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The sealed token of a completed signup of the hub; null when there is none. */
    public Uni<StoredToken> sealedToken(String hubId, UUID id) {
        return pool.preparedQuery("""
                        SELECT waba_id, token_key_id, token_ciphertext FROM signups
                        WHERE id = $1 AND hub_id = $2 AND status = 'completed' AND token_ciphertext IS NOT NULL""")
                .execute(Tuple.of(id, hubId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredToken(row.getString("waba_id"),
                            new EncryptedSecret(row.getString("token_key_id"), row.getString("token_ciphertext")));
                });
    }

    public record StoredToken(String wabaId, EncryptedSecret sealed) {
    }

    public record SealedToken(UUID id, EncryptedSecret sealed) {
    }

    private static Signup toSignup(Row row) {
        return new Signup(row.getUUID("id"), row.getString("hub_id"), row.getString("status"), row.getString("waba_id"),
                row.getString("phone_number_id"), row.getString("business_id"), row.getString("finish_type"),
                row.getString("problem_type"), row.getInteger("problem_status"), row.getString("problem_detail"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("completed_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

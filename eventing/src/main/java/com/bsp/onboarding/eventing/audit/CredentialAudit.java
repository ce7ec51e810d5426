package com.bsp.onboarding.eventing.audit;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.audit.CredentialRead;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The audit of credential hand-offs, the same in every service that keeps a credential: each read, handed out or
 * refused, becomes a {@link CredentialRead} event on the owning service's topic (through its outbox, written before
 * the answer leaves, so no credential is handed out unaudited) and counts in
 * {@code credential_reads_total{credential,outcome}}. Neither carries the credential, nor the caller's key: only its
 * fingerprint.
 */
@ApplicationScoped
public class CredentialAudit {

    public static final String HANDED_OUT = "handed_out";
    public static final String REFUSED = "refused";
    public static final String NOT_FOUND = "not_found";

    private final MeterRegistry meters;
    private final OutboxRelay relay;

    public CredentialAudit(MeterRegistry meters, OutboxRelay relay) {
        this.meters = meters;
        this.relay = relay;
    }

    /** Where a service's audit events go: its topic, CloudEvents source and the {@code credential-read} type. */
    public record Stream(String topic, String source, String type) {
    }

    /** The read now of {@code credential} of {@code subject} by hub {@code hubId}'s key {@code keyFingerprint}. */
    public static CredentialRead read(String credential, String subject, String hubId, String keyFingerprint, String outcome) {
        return new CredentialRead(credential, subject, hubId, keyFingerprint, outcome, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The outbox record of {@code read}, keyed by its subject, for a transaction that changes state too. */
    public static OutboxRecord record(Stream stream, CredentialRead read) {
        return OutboxRecord.of(stream.topic(), read.subject(), CloudEvent.of(UUID.randomUUID().toString(), stream.source(),
                stream.type(), read.subject(), read.readAt(), read));
    }

    /** Writes {@code read}'s event on its own (a read changes nothing else), then counts it. */
    public Uni<Void> write(SqlClient client, Stream stream, CredentialRead read) {
        return OutboxWriter.append(client, record(stream, read)).invoke(() -> written(read));
    }

    /** Writes the refusal {@code read} (as {@link #write}), then fails with {@code refusal}: no refusal goes unaudited. */
    public <T> Uni<T> refuse(SqlClient client, Stream stream, CredentialRead read, RuntimeException refusal) {
        return write(client, stream, read).chain(() -> Uni.createFrom().failure(refusal));
    }

    /** Counts {@code read}, whose event was committed, and has the relay send it now. */
    public void written(CredentialRead read) {
        meters.counter("credential_reads_total", "credential", read.credential(), "outcome", read.outcome()).increment();
        relay.wake();
    }
}

package com.bsp.onboarding.eventing.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * How a consumer handles one input record it applies to its database: records of a partition one at a time, each
 * acknowledged only after its change is committed, so the offset never passes an event that was not stored; a
 * record that cannot be read or stored as data is skipped with a log line that says where it is and why, never
 * what it holds.
 */
public final class InputRecords {

    private static final Logger LOG = Logger.getLogger(InputRecords.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private InputRecords() {
    }

    /** Maps an envelope to what a consumer applies; empty for a type it does not follow. */
    @FunctionalInterface
    public interface Mapper<E> {
        Optional<E> map(Envelope envelope) throws MalformedEventException;
    }

    /**
     * What a record read as: an {@code event} (with the {@code envelope} it came in), nothing this consumer follows
     * (both null, not malformed), or malformed (already logged by {@link #skipped}).
     */
    public record Read<E>(Envelope envelope, E event, boolean malformed) {

        public boolean ignored() {
            return event == null && !malformed;
        }
    }

    /**
     * Reads {@code record}'s value as a CloudEvents envelope and maps it. A value that cannot be read, however it
     * fails, is skipped as malformed rather than stopping the partition.
     */
    public static <E> Read<E> read(IncomingKafkaRecord<?, String> record, Mapper<E> mapper) {
        // Outside the try: a value that is not a String is a deployment error (deserializer, cloud-events setting),
        // which must stop the channel loudly rather than skip every record as malformed.
        String value = record.getPayload();
        try {
            Envelope envelope = Envelope.parse(value, record.getTimestamp());
            return mapper.map(envelope).map(event -> new Read<>(envelope, event, false))
                    .orElseGet(() -> new Read<>(envelope, null, false));
        } catch (MalformedEventException e) {
            skipped(record, e.getMessage());
        } catch (RuntimeException e) {
            // Whatever else a hostile record can trigger while being read must not stop the partition either.
            skipped(record, "unreadable (" + e.getClass().getSimpleName() + ")");
        }
        return new Read<>(null, null, true);
    }

    /**
     * Runs {@code apply} until it commits. The database away or busy: the partition waits for it (retried with
     * backoff, indefinitely), since the event must not be skipped. Refused as data ({@link DatabaseFailures}): it
     * would be refused forever, so the record is skipped as {@code refused} makes of the reason.
     */
    public static <T> Uni<T> untilStored(IncomingKafkaRecord<?, ?> record, Supplier<Uni<? extends T>> apply,
            Function<String, T> refused) {
        return retriedWhileTransient(apply, () -> String.format("Event at %s-%d@%d", record.getTopic(), record.getPartition(),
                        record.getOffset()))
                .onFailure().recoverWithItem(e -> {
                    String reason = "refused by the database (SQLSTATE " + ((PgException) e).getSqlState() + ")";
                    skipped(record, reason);
                    return refused.apply(reason);
                });
    }

    /**
     * {@link #untilStored} for records applied together, in one transaction: retried as a whole while the database
     * is away or busy. Refused as data, {@code refused} decides what to do instead (typically: apply them one by one
     * with the single-record form, so only the refused record is skipped).
     */
    public static <T> Uni<T> untilStored(List<? extends IncomingKafkaRecord<?, ?>> records, Supplier<Uni<? extends T>> apply,
            Function<Throwable, Uni<? extends T>> refused) {
        IncomingKafkaRecord<?, ?> first = records.get(0);
        return retriedWhileTransient(apply, () -> String.format("%d events from %s-%d@%d on", records.size(),
                        first.getTopic(), first.getPartition(), first.getOffset()))
                .onFailure().recoverWithUni(refused);
    }

    private static <T> Uni<T> retriedWhileTransient(Supplier<Uni<? extends T>> apply, Supplier<String> where) {
        return Uni.createFrom().<T>deferred(apply)
                .onFailure(DatabaseFailures::isTransient).invoke(e -> LOG.warnf("%s not stored yet, retrying: %s",
                        where.get(), e.getMessage()))
                .onFailure(DatabaseFailures::isTransient).retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely();
    }

    /** Logs a record skipped as malformed: where to find it and why, never the value (it may hold anything). */
    public static void skipped(IncomingKafkaRecord<?, ?> record, String reason) {
        LOG.warnf("Skipping malformed record at %s-%d@%d (key %s): %s", record.getTopic(), record.getPartition(),
                record.getOffset(), record.getKey(), reason);
    }

    public static Uni<Void> ack(IncomingKafkaRecord<?, ?> record) {
        return Uni.createFrom().completionStage(record::ack);
    }
}

package com.bsp.onboarding.eventing.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.vertx.pgclient.PgException;
import java.time.Duration;
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

    /**
     * Runs {@code apply} until it commits. The database away or busy: the partition waits for it (retried with
     * backoff, indefinitely), since the event must not be skipped. Refused as data ({@link DatabaseFailures}): it
     * would be refused forever, so the record is skipped as {@code refused} makes of the reason.
     */
    public static <T> Uni<T> untilStored(IncomingKafkaRecord<?, ?> record, Supplier<Uni<? extends T>> apply,
            Function<String, T> refused) {
        return Uni.createFrom().deferred(apply)
                .onFailure(DatabaseFailures::isTransient).invoke(e -> LOG.warnf(
                        "Event at %s-%d@%d not stored yet, retrying: %s", record.getTopic(), record.getPartition(),
                        record.getOffset(), e.getMessage()))
                .onFailure(DatabaseFailures::isTransient).retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely()
                .onFailure().recoverWithItem(e -> {
                    String reason = "refused by the database (SQLSTATE " + ((PgException) e).getSqlState() + ")";
                    skipped(record, reason);
                    return refused.apply(reason);
                });
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

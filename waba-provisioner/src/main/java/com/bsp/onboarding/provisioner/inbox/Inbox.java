package com.bsp.onboarding.provisioner.inbox;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.provisioning.DeadLetter;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import com.bsp.onboarding.provisioner.inbox.EventHandler.UnusableEventException;
import com.bsp.onboarding.provisioner.runner.DeadLetters;
import com.bsp.onboarding.provisioner.runner.WorkflowRunner;
import com.bsp.onboarding.provisioner.runner.WorkflowTable;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import org.jboss.logging.Logger;

/**
 * Applies a batch of input records in one transaction, in partition order: events already applied (by
 * CloudEvent id) are dropped, events that can never be applied become dead letters instead of blocking
 * the partition. Offsets are acknowledged only after the commit; if the database is away the batch is
 * retried as a whole, so nothing is skipped.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final TypeReference<CloudEvent<JsonNode>> EVENT = new TypeReference<>() {
    };

    private final Pool pool;
    private final WorkflowRunner runner;
    private final OutboxRelay relay;
    private final MeterRegistry meters;
    private final ObjectMapper json = EventJson.newMapper();

    public Inbox(Pool pool, WorkflowRunner runner, OutboxRelay relay, MeterRegistry meters) {
        this.pool = pool;
        this.runner = runner;
        this.relay = relay;
        this.meters = meters;
    }

    public Uni<Void> apply(String topic, KafkaRecordBatch<String, String> batch, EventHandler handler) {
        return Uni.createFrom().deferred(() -> applyOnce(topic, batch, handler))
                .onFailure().invoke(e -> LOG.warnf("A batch of %s could not be applied, retrying: %s", topic, e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(effects -> {
                    if (effects.isWorkDue()) {
                        runner.wake();
                    }
                    if (!effects.events().isEmpty()) {
                        relay.wake();
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Effects> applyOnce(String topic, KafkaRecordBatch<String, String> batch, EventHandler handler) {
        Effects effects = new Effects();
        return pool.withTransaction(tx -> applyEach(tx, topic, batch.getRecords().iterator(), handler, effects)
                .chain(() -> WorkflowTable.insertOutbox(tx, effects.events())))
                .replaceWith(effects);
    }

    private Uni<Void> applyEach(SqlConnection tx, String topic, Iterator<KafkaRecord<String, String>> records, EventHandler handler,
            Effects effects) {
        if (!records.hasNext()) {
            return Uni.createFrom().voidItem();
        }
        KafkaRecord<String, String> record = records.next();
        return applyOne(tx, topic, record, handler, effects).chain(() -> applyEach(tx, topic, records, handler, effects));
    }

    private Uni<Void> applyOne(SqlConnection tx, String topic, KafkaRecord<String, String> record, EventHandler handler, Effects effects) {
        CloudEvent<JsonNode> event;
        try {
            event = json.readValue(record.getPayload(), EVENT);
        } catch (Exception e) {
            deadLetter(topic, record, null, "unreadable_event", effects);
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(event.id()))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        meters.counter("provisioner_input_events_total", "topic", topic, "outcome", "duplicate").increment();
                        return Uni.createFrom().voidItem();
                    }
                    meters.counter("provisioner_input_events_total", "topic", topic, "outcome", "applied").increment();
                    // A savepoint would cost a round trip per event; an unusable event is found before any write instead.
                    return Uni.createFrom().deferred(() -> handler.apply(tx, event, effects))
                            .onFailure(UnusableEventException.class)
                            .recoverWithItem(e -> {
                                deadLetter(topic, record, event, e.getMessage(), effects);
                                return null;
                            });
                });
    }

    private void deadLetter(String topic, KafkaRecord<String, String> record, CloudEvent<JsonNode> event, String reason, Effects effects) {
        meters.counter("provisioner_input_events_total", "topic", topic, "outcome", "dead_lettered").increment();
        LOG.warnf("Input event %s on %s (partition %d) dead-lettered: %s", event == null ? "?" : event.id(), topic,
                record.getPartition(), reason);
        String subject = event != null && event.subject() != null ? event.subject() : String.valueOf(record.getKey());
        JsonNode source;
        try {
            source = json.readTree(record.getPayload());
        } catch (Exception e) {
            source = TextNode.valueOf(String.valueOf(record.getPayload()));
        }
        effects.emit(DeadLetters.record(subject, new DeadLetter(subject, reason, null, null, topic,
                event == null ? null : event.id(), event == null ? null : event.type(), source, Instant.now())));
    }
}

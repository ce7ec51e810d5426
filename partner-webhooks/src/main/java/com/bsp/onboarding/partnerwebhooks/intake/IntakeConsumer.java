package com.bsp.onboarding.partnerwebhooks.intake;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.eventing.inbox.InputRecords;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.bsp.onboarding.partnerwebhooks.delivery.DeliveryDispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows every onboarding from the three topics that tell how it goes: link-service's links, token-service's
 * signups and waba-provisioner's provisioning. Records of one key are handled one at a time, in order, each in one
 * transaction, and a polled batch is acknowledged only once all of it is committed, so the consumer's offset never
 * passes an event that was not stored. Everything runs on the event loop without blocking: the database client is reactive.
 */
@ApplicationScoped
public class IntakeConsumer {

    static final String LINK_EVENTS_IN = "io-link-events-in";
    static final String SIGNUP_EVENTS_IN = "signup-events-in";
    static final String PROVISIONING_EVENTS_IN = "provisioning-events-in";

    private final SourceEventMapper mapper;
    private final IntakeStore store;
    private final DeliveryDispatcher dispatcher;
    private final MeterRegistry meters;
    private final int concurrency;

    public IntakeConsumer(SourceEventMapper mapper, IntakeStore store, DeliveryDispatcher dispatcher,
            MeterRegistry meters, PartnerWebhooksConfig config) {
        this.concurrency = config.intake().concurrency();
        this.mapper = mapper;
        this.store = store;
        this.dispatcher = dispatcher;
        this.meters = meters;
        // Registered up front so an alert has a series to watch before the first record or event.
        for (String topic : new String[] {Topics.IO_LINK_EVENTS, Topics.SIGNUP_EVENTS, Topics.PROVISIONING_EVENTS}) {
            for (IntakeOutcome outcome : IntakeOutcome.values()) {
                counter(topic, outcome);
            }
        }
        PartnerEventTypes.ALL.forEach(this::published);
    }

    @Incoming(LINK_EVENTS_IN)
    public Uni<Void> onLinkEvents(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Incoming(SIGNUP_EVENTS_IN)
    public Uni<Void> onSignupEvents(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    @Incoming(PROVISIONING_EVENTS_IN)
    public Uni<Void> onProvisioningEvents(KafkaRecordBatch<String, String> batch) {
        return handle(batch);
    }

    /**
     * A polled batch: its records grouped by key, each key's records one after the other in partition order,
     * up to intake.concurrency keys at once; the batch is acknowledged once every record in it is committed, so
     * the offsets never pass an event that was not stored.
     */
    private Uni<Void> handle(KafkaRecordBatch<String, String> batch) {
        Map<String, List<IncomingKafkaRecord<String, String>>> byKey = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : batch) {
            byKey.computeIfAbsent(record.getKey() == null ? "" : record.getKey(), k -> new ArrayList<>())
                    .add((IncomingKafkaRecord<String, String>) record);
        }
        return Multi.createFrom().iterable(byKey.values())
                .onItem().transformToUni(records -> inOrder(records)).merge(concurrency)
                .collect().last()
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Void> inOrder(List<IncomingKafkaRecord<String, String>> records) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (IncomingKafkaRecord<String, String> record : records) {
            chain = chain.chain(() -> handle(record));
        }
        return chain;
    }

    private Uni<Void> handle(IncomingKafkaRecord<String, String> record) {
        InputRecords.Read<IntakeEvent> read = InputRecords.read(record, mapper::map);
        if (read.malformed()) {
            return done(record, IntakeOutcome.MALFORMED);
        }
        if (read.ignored()) {
            return done(record, IntakeOutcome.IGNORED);
        }
        return InputRecords.untilStored(record, () -> store.apply(read.envelope(), read.event()),
                        reason -> new IntakeStore.Result(IntakeOutcome.MALFORMED, List.of()))
                .onItem().transformToUni(result -> {
                    // Committed: the deliveries exist, so the dispatcher can send them now rather than at its next poll.
                    result.published().forEach(type -> published(type).increment());
                    if (!result.published().isEmpty()) {
                        dispatcher.wake();
                    }
                    return done(record, result.outcome());
                });
    }

    private Uni<Void> done(IncomingKafkaRecord<String, String> record, IntakeOutcome outcome) {
        counter(record.getTopic(), outcome).increment();
        return Uni.createFrom().voidItem();
    }

    private Counter counter(String topic, IntakeOutcome outcome) {
        return meters.counter("partner_intake_records_total", "topic", topic, "outcome", outcome.tag());
    }

    private Counter published(String type) {
        return meters.counter("partner_events_total", "type", type);
    }
}

package com.bsp.onboarding.partnerwebhooks.intake;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.eventing.inbox.InputRecords;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.bsp.onboarding.partnerwebhooks.delivery.DeliveryDispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.ArrayList;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows every onboarding from the three topics that tell how it goes: link-service's links, token-service's
 * signups and waba-provisioner's provisioning. A polled batch is applied in one transaction, records of one key in
 * their partition order, and acknowledged only once it is committed, so the consumer's offset never passes an event
 * that was not stored. Everything runs on the event loop without blocking: the database client is reactive.
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

    public IntakeConsumer(SourceEventMapper mapper, IntakeStore store, DeliveryDispatcher dispatcher,
            MeterRegistry meters) {
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
     * A polled batch, applied in one transaction ({@link IntakeStore}); acknowledged once it is committed, so the
     * offsets never pass an event that was not stored.
     */
    private Uni<Void> handle(KafkaRecordBatch<String, String> batch) {
        List<IncomingKafkaRecord<String, String>> records = new ArrayList<>();
        List<IntakeStore.Input> inputs = new ArrayList<>();
        for (KafkaRecord<String, String> polled : batch) {
            IncomingKafkaRecord<String, String> record = (IncomingKafkaRecord<String, String>) polled;
            InputRecords.Read<IntakeEvent> read = InputRecords.read(record, mapper::map);
            if (read.malformed()) {
                counter(record.getTopic(), IntakeOutcome.MALFORMED).increment();
            } else if (read.ignored()) {
                counter(record.getTopic(), IntakeOutcome.IGNORED).increment();
            } else {
                records.add(record);
                inputs.add(new IntakeStore.Input(record.getKey(), read.envelope(), read.event()));
            }
        }
        Uni<Void> stored = inputs.isEmpty() ? Uni.createFrom().voidItem() : store(records, inputs).invoke(result -> {
            for (int i = 0; i < records.size(); i++) {
                counter(records.get(i).getTopic(), result.outcomes()[i]).increment();
            }
            result.published().forEach(type -> published(type).increment());
            if (!result.published().isEmpty()) {
                // Committed: the deliveries exist, so the dispatcher can send them now rather than at its next poll.
                dispatcher.wake();
            }
        }).replaceWithVoid();
        return stored.chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /**
     * The records in one transaction, until it commits. If the database refuses the batch as data, the records are
     * applied one by one, each in its own transaction, so that only the one refused is skipped.
     */
    private Uni<IntakeStore.Result> store(List<IncomingKafkaRecord<String, String>> records, List<IntakeStore.Input> inputs) {
        return InputRecords.untilStored(records, () -> store.apply(inputs), refused -> oneByOne(records, inputs));
    }

    private Uni<IntakeStore.Result> oneByOne(List<IncomingKafkaRecord<String, String>> records, List<IntakeStore.Input> inputs) {
        IntakeOutcome[] outcomes = new IntakeOutcome[inputs.size()];
        List<String> published = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < inputs.size(); i++) {
            int at = i;
            chain = chain.chain(() -> InputRecords.untilStored(records.get(at), () -> store.apply(List.of(inputs.get(at))),
                            reason -> new IntakeStore.Result(new IntakeOutcome[] {IntakeOutcome.MALFORMED}, List.of()))
                    .invoke(result -> {
                        outcomes[at] = result.outcomes()[0];
                        published.addAll(result.published());
                    })
                    .replaceWithVoid());
        }
        return chain.map(v -> new IntakeStore.Result(outcomes, published));
    }

    private Counter counter(String topic, IntakeOutcome outcome) {
        return meters.counter("partner_intake_records_total", "topic", topic, "outcome", outcome.tag());
    }

    private Counter published(String type) {
        return meters.counter("partner_events_total", "type", type);
    }
}

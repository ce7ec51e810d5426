package com.bsp.onboarding.link.progress;

import com.bsp.onboarding.eventing.inbox.InputRecords;
import com.bsp.onboarding.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows each channel after the redirect from two topics: 360Dialog's channel webhooks and
 * waba-provisioner's outcomes. Records of a partition are handled one at a time, in order, and each is
 * acknowledged only once its change is committed, so the consumer's offset never passes an event that
 * was not stored. Everything runs on the event loop without blocking: the database client is reactive.
 */
@ApplicationScoped
public class ProgressEventConsumer {

    static final String HUB_EVENTS_IN = "dialog360-webhook-events-in";
    static final String PROVISIONING_EVENTS_IN = "provisioning-events-in";


    private final HubEventParser hubEvents;
    private final ProvisioningEventParser provisioningEvents;
    private final ChannelProgressStore store;
    private final MeterRegistry meters;

    public ProgressEventConsumer(HubEventParser hubEvents, ProvisioningEventParser provisioningEvents,
            ChannelProgressStore store, MeterRegistry meters) {
        this.hubEvents = hubEvents;
        this.provisioningEvents = provisioningEvents;
        this.store = store;
        this.meters = meters;
        // Registered up front so an alert on malformed records has a series to watch before the first one.
        for (String topic : new String[] {Topics.DIALOG360_WEBHOOK_EVENTS, Topics.PROVISIONING_EVENTS}) {
            for (ApplyOutcome outcome : ApplyOutcome.values()) {
                counter(topic, outcome);
            }
        }
    }

    @Incoming(HUB_EVENTS_IN)
    public Uni<Void> onHubEvent(IncomingKafkaRecord<String, String> record) {
        return handle(record, hubEvents::parse);
    }

    @Incoming(PROVISIONING_EVENTS_IN)
    public Uni<Void> onProvisioningEvent(IncomingKafkaRecord<String, String> record) {
        return handle(record, provisioningEvents::parse);
    }

    private Uni<Void> handle(IncomingKafkaRecord<String, String> record, InputRecords.Mapper<ProgressEvent> parser) {
        InputRecords.Read<ProgressEvent> read = InputRecords.read(record, parser);
        if (read.malformed()) {
            return done(record, ApplyOutcome.MALFORMED);
        }
        if (read.ignored()) {
            return done(record, ApplyOutcome.IGNORED);
        }
        ProgressEvent event = read.event();
        return InputRecords.untilStored(record, () -> store.apply(event), reason -> ApplyOutcome.MALFORMED)
                .invoke(outcome -> {
                    if (outcome == ApplyOutcome.APPLIED && event instanceof ClaimDecision decision) {
                        // With io_channel_claims_total{outcome="claimed"} (the callback), what stays unconfirmed shows.
                        meters.counter("io_channel_claims_total", "outcome", decision.outcome()).increment();
                    }
                })
                .onItem().transformToUni(outcome -> done(record, outcome));
    }

    private Uni<Void> done(IncomingKafkaRecord<String, String> record, ApplyOutcome outcome) {
        counter(record.getTopic(), outcome).increment();
        return InputRecords.ack(record);
    }

    private Counter counter(String topic, ApplyOutcome outcome) {
        return meters.counter("progress_events_total", "topic", topic, "outcome", outcome.tag());
    }
}

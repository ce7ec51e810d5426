package com.bsp.onboarding.provisioner.inbox;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.provisioner.channel.ChannelWebhookHandler;
import com.bsp.onboarding.provisioner.channel.OnboardingCompletedHandler;
import com.bsp.onboarding.provisioner.waba.MetaEventHandler;
import com.bsp.onboarding.provisioner.waba.SignupHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The only way in: four topics, each consumed in batches in partition order. Records of one key (a
 * WABA, a client) share a partition, so their events are applied in order; the work they start runs
 * in parallel across WABAs.
 */
@ApplicationScoped
public class InputEvents {

    private final Inbox inbox;
    private final SignupHandler signups;
    private final MetaEventHandler metaEvents;
    private final OnboardingCompletedHandler onboardings;
    private final ChannelWebhookHandler channelEvents;

    public InputEvents(Inbox inbox, SignupHandler signups, MetaEventHandler metaEvents, OnboardingCompletedHandler onboardings,
            ChannelWebhookHandler channelEvents) {
        this.inbox = inbox;
        this.signups = signups;
        this.metaEvents = metaEvents;
        this.onboardings = onboardings;
        this.channelEvents = channelEvents;
    }

    @Incoming("signups-in")
    public Uni<Void> signups(KafkaRecordBatch<String, String> batch) {
        return inbox.apply(Topics.SIGNUP_EVENTS, batch, signups);
    }

    @Incoming("meta-webhooks-in")
    public Uni<Void> metaWebhooks(KafkaRecordBatch<String, String> batch) {
        return inbox.apply(Topics.META_WEBHOOK_EVENTS, batch, metaEvents);
    }

    @Incoming("io-links-in")
    public Uni<Void> ioLinks(KafkaRecordBatch<String, String> batch) {
        return inbox.apply(Topics.IO_LINK_EVENTS, batch, onboardings);
    }

    @Incoming("dialog360-webhooks-in")
    public Uni<Void> dialog360Webhooks(KafkaRecordBatch<String, String> batch) {
        return inbox.apply(Topics.DIALOG360_WEBHOOK_EVENTS, batch, channelEvents);
    }
}

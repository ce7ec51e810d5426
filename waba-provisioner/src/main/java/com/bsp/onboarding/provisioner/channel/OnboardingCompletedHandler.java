package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.OnboardingCompleted;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.inbox.BatchInbox;
import com.bsp.onboarding.provisioner.inbox.Effects;
import com.bsp.onboarding.provisioner.inbox.EventHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** link-service's {@code onboarding completed}: the channels the client granted (and withdrew) on the redirect. */
@ApplicationScoped
public class OnboardingCompletedHandler implements EventHandler {

    private final ChannelFacts facts;
    private final BatchInbox inbox;
    private final ObjectMapper json = EventJson.newMapper();

    public OnboardingCompletedHandler(ChannelFacts facts, BatchInbox inbox) {
        this.facts = facts;
        this.inbox = inbox;
    }

    /** The way in from {@link Topics#IO_LINK_EVENTS}: batches in partition order, so the events of one key apply in order. */
    @Incoming("io-links-in")
    public Uni<Void> ioLinks(KafkaRecordBatch<String, String> batch) {
        return inbox.apply(Topics.IO_LINK_EVENTS, batch, this);
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, CloudEvent<JsonNode> event, Effects effects) {
        if (!LinkEventTypes.ONBOARDING_COMPLETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        OnboardingCompleted completed;
        try {
            completed = json.treeToValue(event.data(), OnboardingCompleted.class);
        } catch (Exception e) {
            throw new UnusableEventException("onboarding_unreadable");
        }
        Map.Entry<String, ProvisionerConfig.Hub> hub = facts.hub(completed.partnerId())
                .orElseThrow(() -> new UnusableEventException("unknown_partner " + completed.partnerId()));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String channel : nullToEmpty(completed.channels())) {
            chain = chain.chain(() -> facts.learn(tx, completed.partnerId(), channel, hub.getKey(), completed.clientId(), true, false,
                    null, false, effects));
        }
        for (String channel : nullToEmpty(completed.revokedChannels())) {
            chain = chain.chain(() -> facts.learn(tx, completed.partnerId(), channel, hub.getKey(), completed.clientId(), false, false,
                    null, true, effects));
        }
        return chain;
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}

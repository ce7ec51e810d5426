package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.OnboardingCompleted;
import com.bsp.onboarding.contracts.provisioning.ChannelClaimDecided;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.dialog360.Dialog360Client;
import com.bsp.onboarding.provisioner.inbox.BatchInbox;
import com.bsp.onboarding.provisioner.inbox.Effects;
import com.bsp.onboarding.provisioner.inbox.EventHandler;
import com.bsp.onboarding.provisioner.runner.StepFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * link-service's {@code onboarding completed}: the channels the customer's redirect claims were granted (and
 * withdrawn). The redirect is unsigned (reference §3.5), so each is recorded as a claim ({@link ChannelClaims}) and
 * acted on only once 360Dialog's facts confirm it. Here it is decided whether the claimed client belongs to the link:
 * the link was issued for that client (permission links, {@code connect_client_user}), or 360Dialog's Partner API
 * lists the client with the link's {@code partner_payload} (link-service sends the link id as the link's
 * {@code partner}). The Partner API call runs inside the batch's transaction, within {@code provisioner.call-deadline};
 * a retryable failure retries the batch (nothing is lost, the partition waits), a permanent one leaves the claims
 * unconfirmed.
 */
@ApplicationScoped
public class OnboardingCompletedHandler implements EventHandler {

    private static final Logger LOG = Logger.getLogger(OnboardingCompletedHandler.class);

    private final ChannelFacts facts;
    private final ChannelClaims claims;
    private final Dialog360Client dialog360;
    private final BatchInbox inbox;
    private final ObjectMapper json = EventJson.newMapper();

    public OnboardingCompletedHandler(ChannelFacts facts, ChannelClaims claims, Dialog360Client dialog360, BatchInbox inbox) {
        this.facts = facts;
        this.claims = claims;
        this.dialog360 = dialog360;
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
        if (completed.linkId() == null || completed.clientId() == null) {
            throw new UnusableEventException("onboarding_without_link_or_client");
        }
        Map.Entry<String, ProvisionerConfig.Hub> hub = facts.hub(completed.partnerId())
                .orElseThrow(() -> new UnusableEventException("unknown_partner " + completed.partnerId()));
        List<String> granted = nullToEmpty(completed.channels());
        List<String> revoked = nullToEmpty(completed.revokedChannels());
        if (granted.isEmpty() && revoked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return clientOfLink(hub.getValue(), completed).chain(ofLink -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String channel : granted) {
                chain = chain.chain(() -> claims.record(tx, completed.linkId(), completed.partnerId(), channel, hub.getKey(),
                        completed.clientId(), ChannelClaimDecided.GRANT, ofLink, effects));
            }
            for (String channel : revoked) {
                chain = chain.chain(() -> claims.record(tx, completed.linkId(), completed.partnerId(), channel, hub.getKey(),
                        completed.clientId(), ChannelClaimDecided.REVOKE, ofLink, effects));
            }
            return chain;
        });
    }

    /** True or false when known; null when the Partner API refused to tell (the claims then stay unconfirmed). */
    private Uni<Boolean> clientOfLink(ProvisionerConfig.Hub hub, OnboardingCompleted completed) {
        if (completed.linkClientId() != null) {
            return Uni.createFrom().item(completed.linkClientId().equals(completed.clientId()));
        }
        return dialog360.clientCarries(hub, completed.clientId(), completed.linkId())
                .onFailure(e -> !StepFailure.of(e).retryable()).recoverWithItem(e -> {
                    LOG.warnf("The Partner API refused to list the clients of link %s: %s; its claims stay unconfirmed",
                            completed.linkId(), e.getMessage());
                    return null;
                });
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}

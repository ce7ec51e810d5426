package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.crypto.ChannelWebhookAuth;
import com.bsp.onboarding.contracts.provisioning.ChannelDeprovisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.crypto.Secrets;
import com.bsp.onboarding.provisioner.dialog360.Dialog360Client;
import com.bsp.onboarding.provisioner.runner.Backoff;
import com.bsp.onboarding.provisioner.runner.DeadLetters;
import com.bsp.onboarding.provisioner.runner.StepFailure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A channel's two steps: create its API key through the Partner API (kept sealed), then point its
 * webhook at webhook-ingest, with the channel's own auth header value (derived from the hub's channel webhook key,
 * {@link ChannelWebhookAuth}). A lost key-creation answer is simply repeated: a new key revokes the lost
 * one, and there is no API to read keys back. Setting the webhook is idempotent.
 */
@ApplicationScoped
public class ChannelWorkflow {

    private static final Logger LOG = Logger.getLogger(ChannelWorkflow.class);

    private final ChannelStore store;
    private final Dialog360Client dialog360;
    private final Secrets secrets;
    private final Backoff backoff;
    private final OutboxRelay relay;
    private final ProvisionerConfig config;

    public ChannelWorkflow(ChannelStore store, Dialog360Client dialog360, Secrets secrets, Backoff backoff, OutboxRelay relay,
            ProvisionerConfig config) {
        this.store = store;
        this.dialog360 = dialog360;
        this.secrets = secrets;
        this.backoff = backoff;
        this.relay = relay;
        this.config = config;
    }

    public Uni<Void> run(Channel claimed, String owner, Duration lease) {
        ProvisionerConfig.Hub hub = config.hubs().get(claimed.hubId());
        if (hub == null) {
            return failed(claimed, owner, new IllegalStateException("hub " + claimed.hubId() + " is no longer configured"));
        }
        return store.startStep(claimed, owner, lease).flatMap(started -> started.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.createFrom().deferred(() -> step(started.get(), hub, owner, lease))
                        .onFailure().recoverWithUni(failure -> failed(started.get(), owner, failure)));
    }

    private Uni<Void> step(Channel channel, ProvisionerConfig.Hub hub, String owner, Duration lease) {
        if (Channel.REMOVE_WEBHOOK.equals(channel.currentStep())) {
            return removeWebhook(channel, owner);
        }
        if (Channel.CREATE_API_KEY.equals(channel.currentStep())) {
            return dialog360.createApiKey(hub, channel.channelId())
                    .flatMap(key -> store.keyCreated(channel, owner, secrets.sealForStorage(key, channel.channelId())))
                    .flatMap(next -> next.isEmpty() ? Uni.createFrom().voidItem() : run(next.get(), owner, lease));
        }
        String apiKey = secrets.openFromStorage(channel.apiKey(), channel.channelId());
        String url = hub.channelWebhookUrl().replace("{partnerId}", channel.partnerId()).replace("{channelId}", channel.channelId());
        String auth = ChannelWebhookAuth.value(hub.channelWebhookKey(), channel.partnerId(), channel.channelId());
        return dialog360.setWebhook(apiKey, url, hub.channelWebhookHeader(), auth)
                .flatMap(ignored -> store.provisioned(channel, owner, url, provisionedEvent(channel, url, apiKey)))
                .invoke(done -> relay.wake())
                .replaceWithVoid();
    }

    /**
     * A channel revoked after it was provisioned: its webhook is emptied (messaging API, {@code POST /v1/configs/webhook}
     * with an empty url: 360Dialog documents no delete, reference §1.5), then its key is discarded. 360Dialog has no
     * call that revokes a key (a new key revokes the old one, and none can be made for a channel the partner lost), so
     * dropping it is all that can be done. A key 360Dialog already refuses (401/403) means the webhook cannot be reached
     * any more: {@code not_removable}. Emptying is idempotent, so an unknown outcome is simply repeated.
     */
    private Uni<Void> removeWebhook(Channel channel, String owner) {
        Uni<String> removed = channel.apiKey() == null ? Uni.createFrom().item("no_key")
                : dialog360.removeWebhook(secrets.openFromStorage(channel.apiKey(), channel.channelId())).replaceWith("removed")
                        .onFailure(e -> e instanceof com.bsp.onboarding.providers.ProviderException p && p.httpStatus() != null
                                && (p.httpStatus() == 401 || p.httpStatus() == 403))
                        .recoverWithItem("not_removable");
        return removed.flatMap(outcome -> {
            Instant now = Instant.now();
            OutboxRecord event = OutboxRecord.of(Topics.PROVISIONING_EVENTS, channel.eventKey(), CloudEvent.of(UUID.randomUUID().toString(),
                    ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_DEPROVISIONED, channel.channelId(), now,
                    new ChannelDeprovisioned(channel.channelId(), channel.clientId(), channel.partnerId(), channel.hubId(), outcome, now)));
            return store.deprovisioned(channel, owner, event);
        }).invoke(done -> relay.wake()).replaceWithVoid();
    }

    private Uni<Void> failed(Channel channel, String owner, Throwable failure) {
        StepFailure why = StepFailure.of(failure);
        ProvisioningError error = why.error();
        if (why.retryable() && !backoff.exhausted(channel.stepAttempts())) {
            return store.scheduleRetry(channel, owner, error, backoff.after(channel.stepAttempts())).replaceWithVoid();
        }
        LOG.warnf("Channel %s failed at %s: %s", channel.channelId(), channel.currentStep(), failure.getMessage());
        Instant now = Instant.now();
        OutboxRecord event = OutboxRecord.of(Topics.PROVISIONING_EVENTS, channel.eventKey(),
                CloudEvent.of(UUID.randomUUID().toString(), ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_PROVISIONING_FAILED,
                        channel.channelId(), now, new ChannelProvisioningFailed(channel.channelId(), channel.clientId(), channel.partnerId(),
                                channel.hubId(), channel.currentStep(), channel.stepAttempts(), error, now)));
        OutboxRecord deadLetter = DeadLetters.record(channel.channelId(), why.deadLetter(channel.channelId(), channel.currentStep(), now));
        return store.fail(channel, owner, error, List.of(event, deadLetter)).invoke(relay::wake).replaceWithVoid();
    }

    private OutboxRecord provisionedEvent(Channel channel, String url, String apiKey) {
        Instant now = Instant.now();
        return OutboxRecord.of(Topics.PROVISIONING_EVENTS, channel.eventKey(),
                CloudEvent.of(UUID.randomUUID().toString(), ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_PROVISIONED,
                        channel.channelId(), now, new ChannelProvisioned(channel.channelId(), channel.clientId(), channel.partnerId(),
                                channel.hubId(), url, secrets.sealChannelKey(channel.hubId(), channel.channelId(), apiKey), now)));
    }
}

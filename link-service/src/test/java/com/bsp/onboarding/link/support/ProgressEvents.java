package com.bsp.onboarding.link.support;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.provisioning.ChannelClaimDecided;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** Events as webhook-ingest and waba-provisioner write them, for the channels of the alpha hub. */
public final class ProgressEvents {

    public static final String PARTNER = TestApiKeys.ALPHA_PARTNER_ID;

    private ProgressEvents() {
    }

    /**
     * A 360Dialog partner webhook about a channel, e.g. {@code channel_running} with status {@code running},
     * typed as webhook-ingest types it; {@code status} may be null.
     */
    public static CloudEvent<Dialog360WebhookEvent> hubEvent(String client, String channel, String event, String status,
            Instant receivedAt) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("id", channel).put("client_id", client);
        if (status != null) {
            data.put("status", status);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", UUID.randomUUID().toString()).put("event", event);
        body.set("data", data);
        String id = UUID.randomUUID().toString().replace("-", "");
        return CloudEvent.of(id, WebhookEventTypes.SOURCE, WebhookEventTypes.dialog360(event), client, receivedAt,
                new Dialog360WebhookEvent(id, PARTNER, event, client, channel, status, body));
    }

    /** waba-provisioner's decision on link {@code linkId}'s claim ({@code grant}/{@code revoke}) on a channel. */
    public static CloudEvent<ChannelClaimDecided> claimDecided(String linkId, String client, String channel, String claim,
            String outcome, String reason) {
        Instant at = Instant.now();
        return CloudEvent.of(UUID.randomUUID().toString(), ProvisioningEventTypes.SOURCE,
                ProvisioningEventTypes.CHANNEL_CLAIM_DECIDED, channel, at,
                new ChannelClaimDecided(linkId, channel, client, PARTNER, "alpha", claim, outcome, reason, at));
    }

    public static CloudEvent<ChannelProvisioned> provisioned(String client, String channel, Instant at,
            String sealedApiKey) {
        return CloudEvent.of(UUID.randomUUID().toString(), ProvisioningEventTypes.SOURCE,
                ProvisioningEventTypes.CHANNEL_PROVISIONED, channel, at,
                new ChannelProvisioned(channel, client, PARTNER, "alpha", "https://ingest.test.example/webhooks/360dialog/"
                        + PARTNER + "/channels/" + channel, new EncryptedSecret("transport-1", sealedApiKey), at));
    }

    public static CloudEvent<ChannelProvisioningFailed> failed(String client, String channel, String step,
            ProvisioningError error, Instant at) {
        return CloudEvent.of(UUID.randomUUID().toString(), ProvisioningEventTypes.SOURCE,
                ProvisioningEventTypes.CHANNEL_PROVISIONING_FAILED, channel, at,
                new ChannelProvisioningFailed(channel, client, PARTNER, "alpha", step, 3, error, at));
    }
}

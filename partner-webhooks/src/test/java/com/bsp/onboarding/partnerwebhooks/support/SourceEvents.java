package com.bsp.onboarding.partnerwebhooks.support;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.LinkIssued;
import com.bsp.onboarding.contracts.link.LinkKind;
import com.bsp.onboarding.contracts.link.OnboardingCompleted;
import com.bsp.onboarding.contracts.provisioning.ChannelClaimDecided;
import com.bsp.onboarding.contracts.provisioning.ChannelCredentialsRotated;
import com.bsp.onboarding.contracts.provisioning.ChannelDeprovisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.ChannelStatusChanged;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.provisioning.WabaLifecycleChanged;
import com.bsp.onboarding.contracts.provisioning.WabaOffboarded;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioned;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.WabaStatusChanged;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.contracts.signup.SignupSessionEvent;
import com.bsp.onboarding.contracts.signup.SignupSessionStarted;
import com.bsp.onboarding.testing.kafka.TopicWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The other services' events as they write them (link-service, token-service, waba-provisioner), written to the real
 * broker's source topics. Sealed secrets carry {@link #SEALED}, so a test can look for it in what partners see.
 */
public final class SourceEvents {

    /** The ciphertext of every sealed credential these events carry. */
    public static final String SEALED = "c2VhbGVkLXNlY3JldC1uZXZlci1pbi1hLXdlYmhvb2s=";
    public static final String PARTNER = "partner-1";

    private static final ObjectMapper JSON = EventJson.newMapper();

    private SourceEvents() {
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    public static void send(String topic, String key, CloudEvent<?> event) {
        try {
            TopicWriter.send(topic, key, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the events together, each under its subject as key, in order: most likely read in one poll. */
    public static void sendTogether(String topic, List<CloudEvent<?>> events) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (CloudEvent<?> event : events) {
            try {
                records.add(Map.entry(event.subject(), JSON.writeValueAsString(event)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        TopicWriter.sendAll(topic, records);
    }

    public static void link(CloudEvent<?> event) {
        send(Topics.IO_LINK_EVENTS, event.subject(), event);
    }

    public static void signup(CloudEvent<?> event) {
        send(Topics.SIGNUP_EVENTS, event.subject(), event);
    }

    public static void provisioning(CloudEvent<?> event) {
        send(Topics.PROVISIONING_EVENTS, event.subject(), event);
    }

    private static <T> CloudEvent<T> event(String source, String type, String subject, Instant at, T data) {
        return CloudEvent.of(id(), source, type, subject, at, data);
    }

    // --- link-service -------------------------------------------------------------------------

    public static CloudEvent<LinkIssued> linkIssued(String hub, String linkId, String partnerPayload, Instant at) {
        return event(LinkEventTypes.SOURCE, LinkEventTypes.LINK_ISSUED, linkId, at, new LinkIssued(linkId, hub, PARTNER,
                LinkKind.SIGNUP, null, partnerPayload, null, at, at.plusSeconds(3600)));
    }

    public static CloudEvent<OnboardingCompleted> onboardingCompleted(String hub, String linkId, String client,
            List<String> channels, String partnerPayload, Instant at) {
        return event(LinkEventTypes.SOURCE, LinkEventTypes.ONBOARDING_COMPLETED, client, at, new OnboardingCompleted(linkId,
                hub, PARTNER, LinkKind.SIGNUP, client, channels, List.of(), partnerPayload, at, null));
    }

    // --- token-service ------------------------------------------------------------------------

    public static CloudEvent<SignupSessionStarted> sessionStarted(String hub, String sessionId, String reference, Instant at) {
        return event(SignupEventTypes.SOURCE, SignupEventTypes.SIGNUP_SESSION_STARTED, sessionId, at,
                new SignupSessionStarted(sessionId, hub, reference, at, at.plusSeconds(1800)));
    }

    public static CloudEvent<SignupSessionEvent> sessionEvent(String hub, String sessionId, String reference, String event,
            String step, String code, String message, Instant at) {
        return SourceEvents.event(SignupEventTypes.SOURCE, SignupEventTypes.SESSION_EVENT, sessionId, at,
                new SignupSessionEvent(sessionId, hub, reference, 1, event, step, code, message,
                        code == null ? null : "meta-session-1", null, null, null, at, at));
    }

    /** {@code sessionId} null: a partner-hosted signup (POST /v1/signups). */
    public static CloudEvent<SignupCompleted> signupCompleted(String hub, String signupId, String sessionId, String waba,
            String phone, String reference, Instant at) {
        return event(SignupEventTypes.SOURCE, SignupEventTypes.SIGNUP_COMPLETED, waba, at, new SignupCompleted(signupId,
                hub, waba, phone, "biz-" + waba, "FINISH", new EncryptedSecret("transport-1", SEALED), at, sessionId,
                reference));
    }

    // --- waba-provisioner ---------------------------------------------------------------------

    public static CloudEvent<WabaProvisioned> wabaProvisioned(String hub, String waba, String signupId, String phone,
            Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.WABA_PROVISIONED, waba, at,
                new WabaProvisioned(waba, hub, signupId, "biz-" + waba, phone, "shared", "alloc-1", "registered", "ns-1",
                        at, false, null, null));
    }

    public static CloudEvent<WabaProvisioningFailed> wabaProvisioningFailed(String hub, String waba, Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.WABA_PROVISIONING_FAILED, waba, at,
                new WabaProvisioningFailed(waba, hub, "register_phone", 3,
                        new ProvisioningError(400, 133010, 2388001, "OAuthException", "Account not registered", "trace-1"), at));
    }

    public static CloudEvent<WabaStatusChanged> wabaStatusChanged(String waba, String event, Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.WABA_STATUS_CHANGED, waba, at,
                new WabaStatusChanged(waba, event, JsonNodeFactory.instance.objectNode().put("ban_state", "DISABLE"), at));
    }

    public static CloudEvent<WabaLifecycleChanged> wabaLifecycleChanged(String hub, String waba, String event, Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.WABA_LIFECYCLE_CHANGED, waba, at,
                new WabaLifecycleChanged(waba, hub, event, "app_uninstalled", "provisioned", "unusable", "business", null, at));
    }

    public static CloudEvent<WabaOffboarded> wabaOffboarded(String hub, String waba, Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.WABA_OFFBOARDED, waba, at,
                new WabaOffboarded(waba, hub, "PARTNER_REMOVED", "revoked", at));
    }

    public static CloudEvent<ChannelClaimDecided> claimDecided(String hub, String linkId, String client, String channel,
            Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_CLAIM_DECIDED, client, at,
                new ChannelClaimDecided(linkId, channel, client, PARTNER, hub, ChannelClaimDecided.GRANT,
                        ChannelClaimDecided.CONFIRMED, null, at));
    }

    public static CloudEvent<ChannelProvisioned> channelProvisioned(String hub, String client, String channel, Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_PROVISIONED, client, at,
                new ChannelProvisioned(channel, client, PARTNER, hub, "https://ingest.internal.example/webhooks/" + channel,
                        new EncryptedSecret("transport-1", SEALED), at));
    }

    public static CloudEvent<ChannelProvisioningFailed> channelProvisioningFailed(String hub, String client,
            String channel, Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_PROVISIONING_FAILED, client, at,
                new ChannelProvisioningFailed(channel, client, PARTNER, hub, "set_webhook", 5,
                        new ProvisioningError(503, null, null, null, "Service Unavailable", null), at));
    }

    public static CloudEvent<ChannelStatusChanged> channelStatusChanged(String hub, String client, String channel,
            String event, Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_STATUS_CHANGED, client, at,
                new ChannelStatusChanged(channel, client, PARTNER, hub, event,
                        JsonNodeFactory.instance.objectNode().put("reason", "spam"), at));
    }

    public static CloudEvent<ChannelDeprovisioned> channelDeprovisioned(String hub, String client, String channel,
            Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_DEPROVISIONED, client, at,
                new ChannelDeprovisioned(channel, client, PARTNER, hub, "removed", at));
    }

    public static CloudEvent<ChannelCredentialsRotated> credentialsRotated(String hub, String client, String channel,
            Instant at) {
        return event(ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_CREDENTIALS_ROTATED, channel, at,
                new ChannelCredentialsRotated(channel, client, PARTNER, hub, at));
    }
}

package com.bsp.onboarding.provisioner.support;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.crypto.KeyRing;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.LinkKind;
import com.bsp.onboarding.contracts.link.OnboardingCompleted;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.contracts.webhook.MetaWebhookChange;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes the other services' events to the real broker, as token-service, link-service and webhook-ingest do. */
public final class InputTopics {

    public static final ObjectMapper JSON = EventJson.newMapper();
    /** The default business-token ring, the one of every hub without its own. */
    public static final KeyRing.Keys DEFAULT_RING = new KeyRing.Keys(ProvisionerTestResources.TRANSPORT_KEY_ID,
            Map.of(ProvisionerTestResources.TRANSPORT_KEY_ID, ProvisionerTestResources.TRANSPORT_KEY));
    /** What token-service seals business tokens with: the sharing hub has a ring of its own. */
    public static final KeyRing BUSINESS_TOKENS = new KeyRing(KeyRing.Purpose.BUSINESS_TOKEN, DEFAULT_RING,
            Map.of("sharing", new KeyRing.Keys(ProvisionerTestResources.SHARING_TRANSPORT_KEY_ID,
                    Map.of(ProvisionerTestResources.SHARING_TRANSPORT_KEY_ID, ProvisionerTestResources.SHARING_TRANSPORT_KEY))));
    /** What the partner platform opens channel keys with. */
    public static final KeyRing CHANNEL_KEYS = new KeyRing(KeyRing.Purpose.CHANNEL_KEY,
            new KeyRing.Keys(ProvisionerTestResources.CHANNEL_KEY_TRANSPORT_KEY_ID,
                    Map.of(ProvisionerTestResources.CHANNEL_KEY_TRANSPORT_KEY_ID, ProvisionerTestResources.CHANNEL_KEY_TRANSPORT_KEY)),
            Map.of());

    private InputTopics() {
    }

    public static CloudEvent<SignupCompleted> signup(String wabaId, String businessId, String phoneNumberId, String businessToken) {
        return signup(wabaId, businessId, phoneNumberId, businessToken, "FINISH", null);
    }

    /** A signup that finished with {@code finishType} (e.g. {@link SignupCompleted#COEXISTENCE_FINISH}). */
    public static CloudEvent<SignupCompleted> signup(String wabaId, String businessId, String phoneNumberId, String businessToken,
            String finishType, String customerReference) {
        return signup("alpha", wabaId, businessId, phoneNumberId, businessToken, finishType, customerReference, Instant.now());
    }

    /** A signup of hub {@code hubId}, completed now, finished with {@code finishType}. */
    public static CloudEvent<SignupCompleted> signupOfHub(String hubId, String wabaId, String businessId, String phoneNumberId,
            String businessToken, String finishType, String customerReference) {
        return signup(hubId, wabaId, businessId, phoneNumberId, businessToken, finishType, customerReference, Instant.now());
    }

    /** A signup of hub {@code hubId} completed at {@code completedAt}. */
    public static CloudEvent<SignupCompleted> hubSignup(String hubId, String wabaId, String businessId, String phoneNumberId,
            String businessToken, Instant completedAt) {
        return signup(hubId, wabaId, businessId, phoneNumberId, businessToken, "FINISH", null, completedAt);
    }

    private static CloudEvent<SignupCompleted> signup(String hubId, String wabaId, String businessId, String phoneNumberId,
            String businessToken, String finishType, String customerReference, Instant completedAt) {
        String signupId = UUID.randomUUID().toString();
        SignupCompleted data = new SignupCompleted(signupId, hubId, wabaId, phoneNumberId, businessId, finishType,
                BUSINESS_TOKENS.seal(hubId, signupId, businessToken), completedAt, customerReference == null ? null : UUID.randomUUID().toString(),
                customerReference);
        return CloudEvent.of(UUID.randomUUID().toString(), SignupEventTypes.SOURCE, SignupEventTypes.SIGNUP_COMPLETED, wabaId,
                Instant.now(), data);
    }

    public static CloudEvent<MetaWebhookChange> accountUpdate(String wabaId, String event) {
        return accountUpdate(wabaId, event, null, Instant.now());
    }

    /**
     * An account_update as webhook-ingest types it, received on the route of Meta app {@code appId} (null: the
     * single-app route), with Meta's {@code entry.time}. Each call is a new delivery (a new raw webhook and event id),
     * as Meta's retries are.
     */
    public static CloudEvent<MetaWebhookChange> accountUpdate(String wabaId, String event, String appId, Instant entryTime) {
        return accountUpdate(wabaId, event, appId, entryTime, JSON.createObjectNode());
    }

    /** Like the above, with more of {@code value} (violation_info, ban_info, ...). */
    public static CloudEvent<MetaWebhookChange> accountUpdate(String wabaId, String event, String appId, Instant entryTime,
            ObjectNode extra) {
        ObjectNode value = extra.deepCopy().put("event", event);
        value.putObject("waba_info").put("waba_id", wabaId).put("owner_business_id", "owner-" + wabaId);
        return metaChange(wabaId, "account_update", event, value, appId, entryTime);
    }

    public static CloudEvent<MetaWebhookChange> metaChange(String wabaId, String field, String event, JsonNode value) {
        return metaChange(wabaId, field, event, value, null, Instant.now());
    }

    public static CloudEvent<MetaWebhookChange> metaChange(String wabaId, String field, String event, JsonNode value, String appId,
            Instant entryTime) {
        MetaWebhookChange change = new MetaWebhookChange(UUID.randomUUID().toString(), "whatsapp_business_account", "partner-business",
                entryTime.getEpochSecond(), field, event, wabaId, appId, value);
        return CloudEvent.of(UUID.randomUUID().toString(), WebhookEventTypes.SOURCE, WebhookEventTypes.meta(field, event), wabaId,
                Instant.now(), change);
    }

    /** The redirect of a permission link issued for {@code clientId}: the link names its client, the redirect claims the channels. */
    public static CloudEvent<OnboardingCompleted> onboardingCompleted(String partnerId, String clientId, List<String> channels,
            List<String> revoked) {
        return completed(UUID.randomUUID().toString(), LinkKind.PERMISSION, partnerId, clientId, clientId, channels, revoked);
    }

    /**
     * The redirect of signup link {@code linkId} (issued for no client), naming {@code clientId} and claiming channels; the
     * client belongs to the link only if 360Dialog lists it with partner_payload = the link id.
     */
    public static CloudEvent<OnboardingCompleted> signupCompleted(String linkId, String partnerId, String clientId, List<String> channels,
            List<String> revoked) {
        return completed(linkId, LinkKind.SIGNUP, partnerId, clientId, null, channels, revoked);
    }

    private static CloudEvent<OnboardingCompleted> completed(String linkId, LinkKind kind, String partnerId, String clientId,
            String linkClientId, List<String> channels, List<String> revoked) {
        OnboardingCompleted data = new OnboardingCompleted(linkId, "alpha", partnerId, kind, clientId, channels, revoked, null,
                Instant.now(), linkClientId);
        return CloudEvent.of(UUID.randomUUID().toString(), LinkEventTypes.SOURCE, LinkEventTypes.ONBOARDING_COMPLETED, clientId,
                Instant.now(), data);
    }

    /** A 360Dialog channel webhook as webhook-ingest types it: the status in the body and in {@code channel_status}. */
    public static CloudEvent<Dialog360WebhookEvent> channelEvent(String partnerId, String clientId, String channelId, String event,
            String status) {
        ObjectNode payload = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("event", event);
        payload.putObject("data").put("id", channelId).put("client_id", clientId).put("status", status);
        return channelEvent(partnerId, clientId, channelId, event, status, payload);
    }

    /** A 360Dialog channel webhook whose typed {@code channel_status} and raw body are given separately. */
    public static CloudEvent<Dialog360WebhookEvent> channelEvent(String partnerId, String clientId, String channelId, String event,
            String channelStatus, JsonNode payload) {
        Dialog360WebhookEvent data = new Dialog360WebhookEvent(UUID.randomUUID().toString(), partnerId, event, clientId, channelId,
                channelStatus, payload);
        return CloudEvent.of(UUID.randomUUID().toString(), WebhookEventTypes.SOURCE, WebhookEventTypes.dialog360(event), clientId,
                Instant.now(), data);
    }

    /** The {@code sync_type} of a recorded {@code sync_smb_app_data} call. */
    public static String syncType(JsonNode call) {
        try {
            return JSON.readTree(call.path("body").asText()).path("sync_type").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static void send(String topic, String key, CloudEvent<?> event) {
        try {
            sendRaw(topic, key, JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sendRaw(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaBroker.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes());
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write to " + topic, e);
        }
    }

    public static void sendMeta(CloudEvent<MetaWebhookChange> event) {
        send(Topics.META_WEBHOOK_EVENTS, event.data().wabaId(), event);
    }

    public static void sendSignup(CloudEvent<SignupCompleted> event) {
        send(Topics.SIGNUP_EVENTS, event.data().wabaId(), event);
    }
}

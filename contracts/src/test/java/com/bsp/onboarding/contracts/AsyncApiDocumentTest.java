package com.bsp.onboarding.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.provisioning.ChannelClaimDecided;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.DeadLetter;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.provisioning.WabaOffboarded;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioned;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.WabaStatusChanged;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.contracts.signup.SignupSessionEvent;
import com.bsp.onboarding.contracts.link.LinkIssued;
import com.bsp.onboarding.contracts.link.LinkKind;
import com.bsp.onboarding.contracts.link.OnboardingCompleted;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.contracts.webhook.MetaWebhookChange;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the AsyncAPI document and the Java contract in step, both ways. */
class AsyncApiDocumentTest {

    private static final ObjectMapper EVENTS = EventJson.newMapper();
    private static JsonNode doc;

    /** One fully populated sample of every event; a new event type must be added here. */
    private static List<CloudEvent<?>> samples() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        ProvisioningError error = new ProvisioningError(400, 100, 33, "OAuthException", "Unsupported post request", "AbC");
        return List.of(
                CloudEvent.of("e1", LinkEventTypes.SOURCE, LinkEventTypes.LINK_ISSUED, "l1", now,
                        new LinkIssued("3f0e6c1e-9a7b-4a51-9d4e-0d5c9a8b7f10", "acme", "pA", LinkKind.SIGNUP, "c1",
                                "tenant", "regular", now, now)),
                CloudEvent.of("e2", LinkEventTypes.SOURCE, LinkEventTypes.ONBOARDING_COMPLETED, "l1", now,
                        new OnboardingCompleted("3f0e6c1e-9a7b-4a51-9d4e-0d5c9a8b7f10", "acme", "pA", LinkKind.SIGNUP,
                                "c1", List.of("ch1"), List.of("ch0"), "tenant", now, "c1")),
                CloudEvent.of("e3", WebhookEventTypes.SOURCE, WebhookEventTypes.meta("account_update", "PARTNER_ADDED"),
                        "980198427658004", now, new MetaWebhookChange("r1", "whatsapp_business_account", "2949482758682047",
                                1744823932L, "account_update", "PARTNER_ADDED", "980198427658004", "1234567890123456",
                                EVENTS.createObjectNode().put("event", "PARTNER_ADDED"))),
                CloudEvent.of("e4", WebhookEventTypes.SOURCE, WebhookEventTypes.dialog360("channel_created"), "c1", now,
                        new Dialog360WebhookEvent("r2", "pA", "channel_created", "c1", "ch1", "pending",
                                EVENTS.createObjectNode().put("event", "channel_created"))),
                CloudEvent.of("e5", SignupEventTypes.SOURCE, SignupEventTypes.SIGNUP_COMPLETED, "w1", now,
                        new SignupCompleted("3f0e6c1e-9a7b-4a51-9d4e-0d5c9a8b7f10", "acme", "w1", "p1", "b1", "FINISH",
                                new EncryptedSecret("t1", "AAAA"), now, "5b1c1e2a-0c4e-4f0e-9d7a-2e6f1a9c3b11", "crm-4711")),
                CloudEvent.of("e5b", SignupEventTypes.SOURCE, SignupEventTypes.SESSION_EVENT, "5b1c1e2a-0c4e-4f0e-9d7a-2e6f1a9c3b11", now,
                        new SignupSessionEvent("5b1c1e2a-0c4e-4f0e-9d7a-2e6f1a9c3b11", "acme", "crm-4711", 1, "ERROR",
                                "PHONE_NUMBER_SETUP", "524126", "Phone number already registered", "meta-s1", "w1", "p1", "b1",
                                now, now)),
                provisioning("e6", ProvisioningEventTypes.WABA_PROVISIONED, new WabaProvisioned("w1", "acme",
                        "3f0e6c1e-9a7b-4a51-9d4e-0d5c9a8b7f10", "b1", "p1", "shared", "a1", "registered", "ns", now, false, "crm-4711", "acCL")),
                provisioning("e7", ProvisioningEventTypes.WABA_PROVISIONING_FAILED,
                        new WabaProvisioningFailed("w1", "acme", "register_phone", 1, error, now)),
                provisioning("e8", ProvisioningEventTypes.WABA_OFFBOARDED,
                        new WabaOffboarded("w1", "acme", "PARTNER_REMOVED", "revoked", now)),
                provisioning("e9", ProvisioningEventTypes.WABA_STATUS_CHANGED,
                        new WabaStatusChanged("w1", "ACCOUNT_VIOLATION", EVENTS.createObjectNode().put("event", "x"), now)),
                provisioning("e10", ProvisioningEventTypes.CHANNEL_PROVISIONED, new ChannelProvisioned("ch1", "c1", "pA",
                        "acme", "https://ingest.example/webhooks/360dialog/pA/channels/ch1", new EncryptedSecret("t1", "AAAA"), now)),
                provisioning("e11", ProvisioningEventTypes.CHANNEL_PROVISIONING_FAILED,
                        new ChannelProvisioningFailed("ch1", "c1", "pA", "acme", "create_api_key", 3, error, now)),
                provisioning("e11b", ProvisioningEventTypes.CHANNEL_CLAIM_DECIDED, new ChannelClaimDecided(
                        "3f0e6c1e-9a7b-4a51-9d4e-0d5c9a8b7f10", "ch1", "c1", "pA", "acme", "grant", "refused", "channel_of_another_client", now)),
                provisioning("e12", ProvisioningEventTypes.DEAD_LETTERED, new DeadLetter("w1", "permanent_failure",
                        "register_phone", error, "signups.events.v1", "e5", SignupEventTypes.SIGNUP_COMPLETED,
                        EVENTS.createObjectNode().put("id", "e5"), now)));
    }

    private static CloudEvent<?> provisioning(String id, String type, Object data) {
        return CloudEvent.of(id, ProvisioningEventTypes.SOURCE, type, "w1", Instant.parse("2026-11-21T10:00:00Z"), data);
    }

    @BeforeAll
    static void readDocument() throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml is packaged with the contract");
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertEquals("3.0.0", doc.get("asyncapi").asText());
    }

    @Test
    void describesEveryTopicAsAChannel() throws Exception {
        Set<String> addresses = new HashSet<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        for (String topic : constants(Topics.class)) {
            assertTrue(addresses.contains(topic), "topic " + topic + " has no channel in asyncapi.yaml");
        }
        assertEquals(new TreeSet<>(constants(Topics.class)), new TreeSet<>(addresses), "no channel without a topic constant");
    }

    @Test
    void describesEveryEventTypeAsAMessageWithItsKey() throws Exception {
        Set<String> names = new HashSet<>();
        doc.get("components").get("messages").forEach(message -> {
            names.add(message.get("name").asText());
            assertNotNull(message.at("/bindings/kafka/key"), "message " + message.get("name") + " names its key");
        });
        List<String> types = new ArrayList<>(constants(LinkEventTypes.class));
        types.remove(LinkEventTypes.SOURCE);
        types.addAll(constants(WebhookEventTypes.class));
        types.remove(WebhookEventTypes.SOURCE);
        types.addAll(constants(SignupEventTypes.class));
        types.remove(SignupEventTypes.SOURCE);
        types.addAll(constants(ProvisioningEventTypes.class));
        types.remove(ProvisioningEventTypes.SOURCE);
        for (String type : types) {
            assertTrue(names.contains(type), "event type " + type + " has no message in asyncapi.yaml");
        }
    }

    @Test
    void documentsExactlyTheFieldsEachEventCarries() {
        for (CloudEvent<?> sample : samples()) {
            JsonNode event = EVENTS.valueToTree(sample);
            JsonNode message = messageNamed(sample.type());
            JsonNode envelope = resolve(message.at("/payload/allOf/0/$ref").asText());
            JsonNode dataSchema = resolve(message.at("/payload/allOf/1/properties/data/$ref").asText());

            JsonNode type = message.at("/payload/allOf/1/properties/type");
            assertTrue(type.has("const") ? sample.type().equals(type.get("const").asText())
                    : sample.type().matches(type.get("pattern").asText() + ".*"), sample.type() + " matches its message");
            envelope.get("required").forEach(r -> assertTrue(event.hasNonNull(r.asText()), sample.type() + " lacks " + r));
            dataSchema.get("required").forEach(r -> assertTrue(event.get("data").hasNonNull(r.asText()),
                    sample.type() + " data lacks required " + r));
            assertEquals(fieldNames(dataSchema.get("properties")), fieldNames(event.get("data")),
                    sample.type() + ": documented data fields differ from the Java record");
        }
    }

    private static JsonNode messageNamed(String name) {
        Iterator<JsonNode> messages = doc.get("components").get("messages").elements();
        while (messages.hasNext()) {
            JsonNode message = messages.next();
            String messageName = message.get("name").asText();
            if (name.equals(messageName) || (messageName.endsWith(".") && name.startsWith(messageName))) {
                return message;
            }
        }
        throw new AssertionError("No message named " + name);
    }

    private static JsonNode resolve(String ref) {
        assertTrue(ref.startsWith("#/"), "local reference expected: " + ref);
        return doc.at(ref.substring(1));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}

package com.bsp.onboarding.sandbox.meta;

import com.bsp.onboarding.sandbox.SandboxConfig;
import com.bsp.onboarding.sandbox.webhooks.Hmac;
import com.bsp.onboarding.sandbox.webhooks.Webhook;
import com.bsp.onboarding.sandbox.webhooks.WebhookSender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Meta's {@code account_update} webhooks, signed with the app secret ({@code X-Hub-Signature-256}).
 *
 * <p>Partner events ({@code PARTNER_*}) come on the partner's business entry and name the WABA in
 * {@code waba_info}; every other event comes on the WABA's own entry, as Meta sends them and as
 * webhook-ingest keys them.
 */
@ApplicationScoped
public class MetaWebhooks {

    private final SandboxConfig.Meta config;
    private final WebhookSender sender;
    // Meta's format is Meta's: none of this application's Jackson settings may touch it.
    private final ObjectMapper json = new ObjectMapper();

    public MetaWebhooks(SandboxConfig config, WebhookSender sender) {
        this.config = config.meta();
        this.sender = sender;
    }

    /**
     * Sends one {@code account_update} and returns its body.
     *
     * @param ownerBusinessId the customer's business portfolio (partner events), or null when unknown
     * @param details more fields of the change's value, e.g. {@code violation_info}; may be null
     */
    public JsonNode accountUpdate(String wabaId, String event, String ownerBusinessId, JsonNode details) {
        boolean partnerEvent = event.startsWith("PARTNER_");
        ObjectNode value = json.createObjectNode().put("event", event);
        if (partnerEvent) {
            ObjectNode info = value.putObject("waba_info").put("waba_id", wabaId);
            if (ownerBusinessId != null) {
                info.put("owner_business_id", ownerBusinessId);
            }
            info.put("partner_app_id", config.appId());
        }
        if (details != null && details.isObject()) {
            details.fields().forEachRemaining(field -> value.set(field.getKey(), field.getValue()));
        }
        ObjectNode body = json.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = body.putArray("entry").addObject()
                .put("id", partnerEvent ? config.partnerBusinessId() : wabaId)
                .put("time", Instant.now().getEpochSecond());
        entry.putArray("changes").addObject().put("field", "account_update").set("value", value);
        send(event, body);
        return body;
    }

    private void send(String event, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body is always serialisable", e);
        }
        String signature = "sha256=" + HexFormat.of().formatHex(Hmac.sha256(config.appSecret(), bytes));
        sender.send(new Webhook("meta", event, config.webhookUrl(), "X-Hub-Signature-256", signature, bytes));
    }
}

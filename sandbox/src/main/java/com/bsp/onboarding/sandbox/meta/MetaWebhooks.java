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
        return accountUpdate(wabaId, event, ownerBusinessId, details, null);
    }

    /**
     * Like the above, for one of the partner's Meta apps: to that app's webhook URL, signed with its secret, with its
     * id as {@code partner_app_id}. {@code appId} null (or the default app's): the default app.
     *
     * @throws IllegalArgumentException for an app id that is not configured
     */
    public JsonNode accountUpdate(String wabaId, String event, String ownerBusinessId, JsonNode details, String appId) {
        Target target = target(appId);
        boolean partnerEvent = event.startsWith("PARTNER_");
        ObjectNode value = json.createObjectNode().put("event", event);
        if (partnerEvent) {
            ObjectNode info = value.putObject("waba_info").put("waba_id", wabaId);
            if (ownerBusinessId != null) {
                info.put("owner_business_id", ownerBusinessId);
            }
            info.put("partner_app_id", target.appId());
        }
        if (details != null && details.isObject()) {
            details.fields().forEachRemaining(field -> value.set(field.getKey(), field.getValue()));
        }
        ObjectNode body = json.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = body.putArray("entry").addObject()
                .put("id", partnerEvent ? config.partnerBusinessId() : wabaId)
                .put("time", Instant.now().getEpochSecond());
        entry.putArray("changes").addObject().put("field", "account_update").set("value", value);
        send(event, body, target);
        return body;
    }

    /** Where an app's webhooks go and the secret that signs them. */
    private record Target(String appId, String secret, String url) {
    }

    private Target target(String appId) {
        if (appId == null || appId.equals(config.appId())) {
            return new Target(config.appId(), config.appSecret(), config.webhookUrl());
        }
        return config.apps().values().stream().filter(app -> app.appId().equals(appId)).findFirst()
                .map(app -> new Target(app.appId(), app.appSecret(), app.webhookUrl().orElse(config.webhookUrl() + "/" + app.appId())))
                .orElseThrow(() -> new IllegalArgumentException("no Meta app " + appId + " is configured (sandbox.meta.apps)"));
    }

    private void send(String event, ObjectNode body, Target target) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body is always serialisable", e);
        }
        String signature = "sha256=" + HexFormat.of().formatHex(Hmac.sha256(target.secret(), bytes));
        sender.send(new Webhook("meta", event, target.url(), "X-Hub-Signature-256", signature, bytes));
    }
}

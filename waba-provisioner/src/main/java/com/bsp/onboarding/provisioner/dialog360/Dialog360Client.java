package com.bsp.onboarding.provisioner.dialog360;

import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.graph.ProviderResponses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The 360Dialog calls of channel provisioning. */
@ApplicationScoped
public class Dialog360Client {

    private final PartnerApi partnerApi;
    private final MessagingApi messagingApi;
    private final ObjectMapper json;
    private final ProviderResponses responses;

    public Dialog360Client(@RestClient PartnerApi partnerApi, @RestClient MessagingApi messagingApi, ObjectMapper json,
            ProvisionerConfig config) {
        this.partnerApi = partnerApi;
        this.messagingApi = messagingApi;
        this.json = json;
        this.responses = new ProviderResponses(json, config.callDeadline());
    }

    /** A new API key for the channel; the answer is {@code {"api_keys":[{...}]}} or the flat object. */
    public Uni<String> createApiKey(ProvisionerConfig.Hub hub, String channelId) {
        return responses.call("create_api_key", () -> partnerApi.createApiKey(hub.partnerId(), channelId, hub.partnerApiKey()))
                .map(body -> {
                    JsonNode key = body.has("api_keys") ? body.path("api_keys").path(0) : body;
                    String value = key.path("api_key").asText("");
                    if (value.isEmpty()) {
                        throw new IllegalStateException("create_api_key answered without api_key");
                    }
                    return value;
                });
    }

    /** Points the channel's webhook at webhook-ingest, with the header it checks. */
    public Uni<Void> setWebhook(String channelApiKey, String url, String header, String secret) {
        ObjectNode body = json.createObjectNode().put("url", url);
        body.putObject("headers").put(header, secret);
        return responses.call("set_webhook", () -> messagingApi.setWebhook(channelApiKey, body.toString())).replaceWithVoid();
    }
}

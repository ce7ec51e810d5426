package com.bsp.onboarding.provisioner.graph;

import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The Graph calls of provisioning, each answering what the workflow needs to know. */
@ApplicationScoped
public class GraphClient {

    private final GraphApi api;
    private final ProvisionerConfig.Meta config;
    private final ProviderResponses responses;
    private final String systemUser;
    private volatile String creditLineId;

    public GraphClient(@RestClient GraphApi api, ProvisionerConfig config, ObjectMapper json) {
        this.api = api;
        this.config = config.meta();
        this.responses = new ProviderResponses(json, config.callDeadline());
        this.systemUser = bearer(this.config.systemUserToken());
        this.creditLineId = this.config.creditLineId().orElse(null);
    }

    public Uni<Void> subscribeApp(String waba, String businessToken) {
        return responses.call("subscribe_app", () -> api.subscribeApp(config.version(), waba, bearer(businessToken))).replaceWithVoid();
    }

    /** True when our app is among the WABA's subscribed apps. */
    public Uni<Boolean> isAppSubscribed(String waba, String businessToken) {
        return responses.call("list_subscribed_apps", () -> api.subscribedApps(config.version(), waba, bearer(businessToken)))
                .map(body -> {
                    for (JsonNode app : body.path("data")) {
                        JsonNode data = app.has("whatsapp_business_api_data") ? app.get("whatsapp_business_api_data") : app;
                        if (config.appId().equals(data.path("id").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    /** The partner's credit line: configured, or the first of the partner business's extended credits (read once). */
    public Uni<String> creditLineId() {
        if (creditLineId != null) {
            return Uni.createFrom().item(creditLineId);
        }
        String business = config.partnerBusinessId().orElseThrow(() -> new IllegalStateException(
                "provisioner.meta.credit-line-id or provisioner.meta.partner-business-id must be set in solution-partner mode"));
        return responses.call("read_credit_lines", () -> api.creditLines(config.version(), business, systemUser))
                .map(body -> {
                    String id = body.path("data").path(0).path("id").asText(null);
                    if (id == null) {
                        throw new IllegalStateException("The partner business has no extended credit line");
                    }
                    creditLineId = id;
                    return id;
                });
    }

    /** Shares the credit line with the WABA; answers the allocation config id. */
    public Uni<String> shareCreditLine(String creditLine, String waba) {
        return responses.call("share_credit_line",
                        () -> api.shareCreditLine(config.version(), creditLine, waba, config.currency(), systemUser))
                .map(body -> required(body, "allocation_config_id", "share_credit_line"));
    }

    /**
     * The allocation config that funds this WABA, if the credit line was already shared with it: the
     * allocation (among the business's) whose receiving credential is the WABA's primary funding id.
     */
    public Uni<Optional<String>> existingAllocation(String creditLine, String waba, String businessId, String businessToken) {
        return primaryFundingId(waba, businessToken).flatMap(funding -> funding.isEmpty()
                ? Uni.createFrom().item(Optional.<String>empty())
                : responses.call("list_allocations", () -> api.allocations(config.version(), creditLine, businessId, systemUser))
                        .map(body -> {
                            for (JsonNode allocation : body.path("data")) {
                                if (funding.get().equals(allocation.path("receiving_credential").path("id").asText())) {
                                    return Optional.of(allocation.path("id").asText());
                                }
                            }
                            return Optional.<String>empty();
                        }));
    }

    public Uni<String> receivingCredential(String allocationConfigId) {
        return responses.call("read_allocation",
                        () -> api.fields(config.version(), allocationConfigId, "receiving_credential", systemUser))
                .map(body -> body.path("receiving_credential").path("id").asText(""));
    }

    public Uni<Optional<String>> primaryFundingId(String waba, String businessToken) {
        return responses.call("read_waba", () -> api.fields(config.version(), waba, "primary_funding_id", bearer(businessToken)))
                .map(body -> Optional.ofNullable(body.path("primary_funding_id").asText(null)).filter(s -> !s.isEmpty()));
    }

    public Uni<Void> revokeAllocation(String allocationConfigId) {
        return responses.call("revoke_allocation", () -> api.delete(config.version(), allocationConfigId, systemUser)).replaceWithVoid();
    }

    /** True when the number is already registered on Cloud API (then registering again would only spend the 10-per-72h budget). */
    public Uni<Boolean> isRegisteredOnCloudApi(String waba, String phoneNumberId, String businessToken) {
        return responses.call("list_phone_numbers",
                        () -> api.phoneNumbers(config.version(), waba, "id,platform_type,status", bearer(businessToken)))
                .map(body -> {
                    for (JsonNode phone : body.path("data")) {
                        if (phoneNumberId.equals(phone.path("id").asText())) {
                            return "CLOUD_API".equals(phone.path("platform_type").asText());
                        }
                    }
                    return false;
                });
    }

    public Uni<Void> register(String phoneNumberId, String pin, String businessToken) {
        String body = "{\"messaging_product\":\"whatsapp\",\"pin\":\"" + pin + "\"}";
        return responses.call("register", () -> api.register(config.version(), phoneNumberId, body, bearer(businessToken)))
                .replaceWithVoid();
    }

    public Uni<String> templateNamespace(String waba, String businessToken) {
        return responses.call("read_template_namespace",
                        () -> api.fields(config.version(), waba, "message_template_namespace", bearer(businessToken)))
                .map(body -> body.path("message_template_namespace").asText(null));
    }

    private static String required(JsonNode body, String field, String call) {
        String value = body.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalStateException(call + " answered without " + field);
        }
        return value;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}

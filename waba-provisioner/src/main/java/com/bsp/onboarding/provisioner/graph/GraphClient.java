package com.bsp.onboarding.provisioner.graph;

import com.bsp.onboarding.providers.ProviderCalls;
import com.bsp.onboarding.providers.graph.GraphApi;
import com.bsp.onboarding.providers.graph.GraphRecords;
import com.bsp.onboarding.providers.graph.GraphRecords.AppDataSync;
import com.bsp.onboarding.providers.graph.GraphRecords.Node;
import com.bsp.onboarding.providers.graph.GraphRecords.PhoneNumber;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.meta.MetaApp;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The Graph calls of provisioning, each answering what the workflow needs to know. Each call has one
 * deadline, {@code provisioner.call-deadline}; failures are {@link com.bsp.onboarding.providers.ProviderException}s.
 * The partner's side (its app id, System User token, credit line, currency) is the WABA's {@link MetaApp}.
 */
@ApplicationScoped
public class GraphClient {

    private final GraphApi api;
    private final ProvisionerConfig.Meta config;
    private final ProviderCalls calls;
    /** Per app: the credit line read from extendedcredits. */
    private final Map<String, String> creditLines = new ConcurrentHashMap<>();

    public GraphClient(@RestClient GraphApi api, ProvisionerConfig config) {
        this.api = api;
        this.config = config.meta();
        this.calls = new ProviderCalls(config.callDeadline());
    }

    public Uni<Void> subscribeApp(String waba, String businessToken) {
        return calls.call("subscribe_app", () -> api.subscribeApp(config.version(), waba, bearer(businessToken))).replaceWithVoid();
    }

    /** True when the app is among the WABA's subscribed apps. */
    public Uni<Boolean> isAppSubscribed(MetaApp app, String waba, String token) {
        return calls.call("list_subscribed_apps", () -> api.subscribedApps(config.version(), waba, bearer(token)))
                .map(apps -> apps.items().stream().anyMatch(subscribed -> app.appId().equals(subscribed.appId())));
    }

    /** The app's credit line: configured, or the first of the partner business's extended credits (read once). */
    public Uni<String> creditLineId(MetaApp app) {
        String known = app.creditLineId().orElse(creditLines.get(app.cacheKey()));
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        String business = app.partnerBusinessId().orElseThrow(() -> new IllegalStateException(
                "credit-line-id or partner-business-id must be set in solution-partner mode (" + app + ")"));
        return calls.call("read_credit_lines", () -> api.creditLines(config.version(), business, bearer(app.systemUserToken())))
                .map(lines -> {
                    String id = lines.items().stream().findFirst().map(Node::id).orElseThrow(
                            () -> new IllegalStateException("The partner business has no extended credit line"));
                    creditLines.put(app.cacheKey(), id);
                    return id;
                });
    }

    /** Shares the app's credit line with the WABA; answers the allocation config id. */
    public Uni<String> shareCreditLine(MetaApp app, String creditLine, String waba) {
        return calls.call("share_credit_line", () -> api.shareCreditLine(config.version(), creditLine, waba, app.currency(),
                        bearer(app.systemUserToken())))
                .map(sharing -> required(sharing.allocationConfigId(), "allocation_config_id", "share_credit_line"));
    }

    /**
     * The allocation config that funds this WABA, if the credit line was already shared with it: the
     * allocation (among the business's) whose receiving credential is the WABA's primary funding id.
     */
    public Uni<Optional<String>> existingAllocation(MetaApp app, String creditLine, String waba, String businessId, String token) {
        return primaryFundingId(waba, token).flatMap(funding -> funding.isEmpty()
                ? Uni.createFrom().item(Optional.<String>empty())
                : calls.call("list_allocations", () -> api.allocations(config.version(), creditLine, businessId,
                                bearer(app.systemUserToken())))
                        .map(allocations -> allocations.items().stream()
                                .filter(allocation -> allocation.receivingCredentialId().equals(funding))
                                .map(Node::id).findFirst()));
    }

    public Uni<String> receivingCredential(MetaApp app, String allocationConfigId) {
        return calls.call("read_allocation", () -> api.fields(config.version(), allocationConfigId, "receiving_credential",
                        bearer(app.systemUserToken())))
                .map(allocation -> allocation.receivingCredentialId().orElse(""));
    }

    public Uni<Optional<String>> primaryFundingId(String waba, String businessToken) {
        return calls.call("read_waba", () -> api.fields(config.version(), waba, "primary_funding_id", bearer(businessToken)))
                .map(node -> Optional.ofNullable(node.primaryFundingId()).filter(s -> !s.isEmpty()));
    }

    public Uni<Void> revokeAllocation(MetaApp app, String allocationConfigId) {
        return calls.call("revoke_allocation", () -> api.delete(config.version(), allocationConfigId, bearer(app.systemUserToken())))
                .replaceWithVoid();
    }

    /** The WABA's numbers, with whether each is on Cloud API and on the WhatsApp Business app (coexistence). */
    public Uni<List<PhoneNumber>> phoneNumbers(String waba, String businessToken) {
        return calls.call("list_phone_numbers",
                        () -> api.phoneNumbers(config.version(), waba, "id,platform_type,status,is_on_biz_app", bearer(businessToken)))
                .map(GraphRecords.Page::items);
    }

    /**
     * Asks Meta to sync a coexistence number's contacts ({@link AppDataSync#CONTACTS}) or message history
     * ({@link AppDataSync#HISTORY}); answers Meta's request id. Each type can be requested once.
     */
    public Uni<String> syncAppData(String phoneNumberId, String syncType, String businessToken) {
        return calls.call("sync_smb_app_data", () -> api.syncAppData(config.version(), phoneNumberId, AppDataSync.whatsapp(syncType),
                bearer(businessToken))).map(GraphRecords.AppDataSyncRequest::requestId);
    }

    /** True when the number is already registered on Cloud API (then registering again would only spend the 10-per-72h budget). */
    public Uni<Boolean> isRegisteredOnCloudApi(String waba, String phoneNumberId, String businessToken) {
        return calls.call("list_phone_numbers",
                        () -> api.phoneNumbers(config.version(), waba, "id,platform_type,status", bearer(businessToken)))
                .map(phones -> phones.items().stream().filter(phone -> phoneNumberId.equals(phone.id())).findFirst()
                        .map(phone -> "CLOUD_API".equals(phone.platformType())).orElse(false));
    }

    public Uni<Void> register(String phoneNumberId, String pin, String businessToken) {
        return calls.call("register", () -> api.register(config.version(), phoneNumberId, GraphRecords.Register.whatsapp(pin),
                bearer(businessToken))).replaceWithVoid();
    }

    public Uni<String> templateNamespace(String waba, String businessToken) {
        return calls.call("read_template_namespace",
                        () -> api.fields(config.version(), waba, "message_template_namespace", bearer(businessToken)))
                .map(Node::messageTemplateNamespace);
    }

    private static String required(String value, String field, String call) {
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(call + " answered without " + field);
        }
        return value;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}

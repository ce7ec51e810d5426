package com.bsp.onboarding.provisioner.dialog360;

import com.bsp.onboarding.providers.ProviderCalls;
import com.bsp.onboarding.providers.dialog360.AccountSharing;
import com.bsp.onboarding.providers.dialog360.MessagingApi;
import com.bsp.onboarding.providers.dialog360.PartnerApi;
import com.bsp.onboarding.providers.dialog360.WebhookConfig;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The 360Dialog calls of channel provisioning, each within {@code provisioner.call-deadline}. */
@ApplicationScoped
public class Dialog360Client {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PartnerApi partnerApi;
    private final MessagingApi messagingApi;
    private final ProviderCalls calls;

    public Dialog360Client(@RestClient PartnerApi partnerApi, @RestClient MessagingApi messagingApi, ProvisionerConfig config) {
        this.partnerApi = partnerApi;
        this.messagingApi = messagingApi;
        this.calls = new ProviderCalls(config.callDeadline());
    }

    /** A new API key for the channel. */
    public Uni<String> createApiKey(ProvisionerConfig.Hub hub, String channelId) {
        return calls.call("create_api_key", () -> partnerApi.createApiKey(hub.partnerId(), channelId, hub.partnerApiKey()))
                .map(keys -> keys.key().orElseThrow(() -> new IllegalStateException("create_api_key answered without api_key")));
    }

    /** Creates an empty client for the customer of an account sharing hub; its id. */
    public Uni<String> createAccountSharingClient(ProvisionerConfig.Hub hub, String name) {
        return calls.call("account_sharing_client",
                () -> partnerApi.createAccountSharingClient(hub.partnerId(), new AccountSharing.NewClient(name, name), hub.partnerApiKey()))
                .map(client -> Optional.ofNullable(client).map(AccountSharing.Client::id)
                        .orElseThrow(() -> new IllegalStateException("account_sharing/clients answered without id")));
    }

    /** The hub's client of this name, if one exists (a creation whose answer was lost). */
    public Uni<Optional<String>> clientNamed(ProvisionerConfig.Hub hub, String name) {
        String filters = JSON.createObjectNode().put("name", name).toString();
        return calls.call("list_clients", () -> partnerApi.clients(hub.partnerId(), filters, hub.partnerApiKey()))
                .map(clients -> clients == null ? Optional.empty()
                        : clients.list().stream().filter(c -> name.equals(c.name())).map(AccountSharing.Client::id).findFirst());
    }

    /**
     * Whether the hub's client {@code clientId} carries {@code partnerPayload}: the Partner API's clients filtered by
     * {@code partner_payload} (reference §1.5, §3.5: a client's partner_payload is what the link's {@code partner}
     * parameter carried). The answer is checked here too, in case 360Dialog ignores a filter it does not know.
     */
    public Uni<Boolean> clientCarries(ProvisionerConfig.Hub hub, String clientId, String partnerPayload) {
        String filters = JSON.createObjectNode().put("partner_payload", partnerPayload).toString();
        return calls.call("list_clients", () -> partnerApi.clients(hub.partnerId(), filters, hub.partnerApiKey()))
                .map(clients -> clients != null && clients.list().stream()
                        .anyMatch(c -> clientId.equals(c.id()) && partnerPayload.equals(c.partnerPayload())));
    }

    /** Hands the WABA shared with the hub's solution to 360Dialog, for the client. */
    public Uni<Void> handOverNumber(ProvisionerConfig.Hub hub, String solutionId, String wabaId, String clientId) {
        return calls.call("account_sharing_number", () -> partnerApi.handOverNumber(hub.partnerId(),
                new AccountSharing.NumberHandOver(solutionId, wabaId, clientId, null), hub.partnerApiKey())).replaceWithVoid();
    }

    /** Points the channel's webhook at webhook-ingest, with the header it checks. */
    public Uni<Void> setWebhook(String channelApiKey, String url, String header, String secret) {
        return calls.call("set_webhook", () -> messagingApi.setWebhook(channelApiKey, new WebhookConfig(url, Map.of(header, secret))));
    }

    /** Empties the channel's webhook (an empty url, no headers): 360Dialog posts nowhere and keeps no secret of ours. */
    public Uni<Void> removeWebhook(String channelApiKey) {
        return calls.call("remove_webhook", () -> messagingApi.setWebhook(channelApiKey, new WebhookConfig("", Map.of())));
    }
}

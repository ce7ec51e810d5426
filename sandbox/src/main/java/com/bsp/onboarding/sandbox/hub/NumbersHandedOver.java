package com.bsp.onboarding.sandbox.hub;

import com.bsp.onboarding.emulator.Dialog360AccountSharing.SharedNumber;
import com.bsp.onboarding.emulator.ProviderCore;
import com.bsp.onboarding.sandbox.SandboxConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * 360Dialog onboards a number handed over through account sharing as a channel of the client: the sandbox sends the
 * channel's partner webhooks ({@code channel_created}, then {@code channel_running}) to the hub of that partner id,
 * as for a finished IO signup.
 */
@ApplicationScoped
public class NumbersHandedOver {

    private final ProviderCore core;
    private final PartnerWebhooks webhooks;
    private final SandboxConfig config;

    public NumbersHandedOver(ProviderCore core, PartnerWebhooks webhooks, SandboxConfig config) {
        this.core = core;
        this.webhooks = webhooks;
        this.config = config;
    }

    void register(@Observes StartupEvent start) {
        core.onNumberShared(this::becomeChannel);
    }

    private void becomeChannel(SharedNumber number) {
        config.hubs().values().stream().filter(hub -> hub.partnerId().equals(number.partnerId())).findFirst().ifPresent(hub -> {
            // Handed over by business id alone: 360Dialog makes the client itself.
            String clientId = number.clientId() != null ? number.clientId() : id() + "CL";
            String phone = core.waba(number.wabaId()).map(waba -> waba.path("phone_numbers").path(0).path("display_phone_number").asText(null))
                    .orElse(null);
            String channel = id() + "CH";
            core.dialog360Client(number.partnerId(), clientId, null, List.of(channel), "running");
            webhooks.channelsGranted(hub, clientId, List.of(channel), phone);
        });
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
    }
}

package com.bsp.onboarding.sandbox.meta;

import com.bsp.onboarding.emulator.ProviderCore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Meta tells the partner app that it was added to a customer's WABA once the customer's Embedded Signup
 * code is exchanged: the sandbox sends {@code PARTNER_ADDED} right after every successful exchange.
 */
@ApplicationScoped
public class PartnerAddedOnExchange {

    private final ProviderCore core;
    private final MetaWebhooks webhooks;

    public PartnerAddedOnExchange(ProviderCore core, MetaWebhooks webhooks) {
        this.core = core;
        this.webhooks = webhooks;
    }

    void register(@Observes StartupEvent start) {
        core.onCodeExchanged(signup -> webhooks.accountUpdate(signup.wabaId(), "PARTNER_ADDED", signup.businessId(), null));
    }
}

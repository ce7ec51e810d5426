package com.bsp.onboarding.provisioner.meta;

import com.bsp.onboarding.provisioner.ProvisionerConfig.Meta.Mode;
import com.bsp.onboarding.provisioner.ProvisionerConfig.Meta.WebhookOnboarding;
import java.util.Optional;

/**
 * The Meta app a WABA is provisioned with: its hub's settings over {@code provisioner.meta.*}.
 *
 * @param hubId the hub (key of {@code provisioner.meta.hubs}); null for the settings of {@code provisioner.meta.*} alone
 */
public record MetaApp(
        String hubId,
        String appId,
        String systemUserToken,
        Optional<String> creditLineId,
        Optional<String> partnerBusinessId,
        String currency,
        Mode mode,
        WebhookOnboarding webhookOnboarding) {

    public boolean solutionPartner() {
        return mode == Mode.SOLUTION_PARTNER;
    }

    /** Key of per-app caches (the credit line read from extendedcredits). */
    public String cacheKey() {
        return hubId == null ? "" : hubId;
    }

    @Override
    public String toString() {
        return "MetaApp[hub=" + hubId + ", app=" + appId + "]";
    }
}

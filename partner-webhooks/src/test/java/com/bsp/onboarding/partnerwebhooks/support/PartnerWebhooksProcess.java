package com.bsp.onboarding.partnerwebhooks.support;

import com.bsp.onboarding.http.auth.Sha256;
import com.bsp.onboarding.testing.process.ServiceProcess;
import java.util.Locale;
import java.util.Map;

/**
 * The packaged partner-webhooks as a separate process, configured as in production by environment
 * variables, for the shared broker and a test database: one that a test can kill -9 and start again.
 * Receivers run on 127.0.0.1 over plain HTTP, so https and the private-address guard are off.
 */
public final class PartnerWebhooksProcess {

    private PartnerWebhooksProcess() {
    }

    /** @param hubKeys hub id to that hub's API key */
    public static ServiceProcess of(String database, Map<String, String> hubKeys) {
        ServiceProcess process = ServiceProcess.ofThisModule("partner-webhooks", database).withAll(Map.of(
                "PARTNER_WEBHOOKS_STORAGE_KEYS_CURRENT", "s1",
                "PARTNER_WEBHOOKS_STORAGE_KEYS_KEYS_S1", "c3RvcmFnZS1rZXktb25lLWZvci10ZXN0cy0zMmJ5dGU=",
                "PARTNER_WEBHOOKS_DELIVERY_REQUIRE_HTTPS", "false",
                "PARTNER_WEBHOOKS_DELIVERY_ALLOW_PRIVATE_ADDRESSES", "true"));
        hubKeys.forEach((hub, key) -> process.with(
                "PARTNER_WEBHOOKS_HUBS_" + hub.toUpperCase(Locale.ROOT) + "_API_KEY_SHA256", Sha256.hex(key)));
        return process;
    }
}

package com.bsp.onboarding.partnerwebhooks.catalogue;

import java.util.List;

/**
 * The partner-facing event catalogue: one vocabulary for both routes (docs/partner-webhooks.md). The type
 * is the {@code type} of the webhook body and what an endpoint's filter names.
 */
public final class PartnerEventTypes {

    public static final String ONBOARDING_STARTED = "onboarding.started";
    /** The customer finished at the provider: IO redirect back, or ES code exchanged for a token. */
    public static final String ONBOARDING_COMPLETED = "onboarding.completed";
    public static final String SIGNUP_CANCELLED = "onboarding.signup_cancelled";
    public static final String SIGNUP_ERRORED = "onboarding.signup_errored";
    public static final String WABA_PROVISIONED = "waba.provisioned";
    public static final String WABA_PROVISIONING_FAILED = "waba.provisioning_failed";
    public static final String WABA_STATUS_CHANGED = "waba.status_changed";
    public static final String WABA_OFFBOARDED = "waba.offboarded";
    public static final String CHANNEL_PROVISIONED = "channel.provisioned";
    public static final String CHANNEL_PROVISIONING_FAILED = "channel.provisioning_failed";
    public static final String CHANNEL_STATUS_CHANGED = "channel.status_changed";
    public static final String CHANNEL_DEPROVISIONED = "channel.deprovisioned";
    public static final String CREDENTIALS_ROTATED = "credentials.rotated";
    public static final String ENDPOINT_DISABLED = "endpoint.disabled";
    public static final String WEBHOOK_TEST = "webhook.test";

    public static final List<String> ALL = List.of(ONBOARDING_STARTED, ONBOARDING_COMPLETED, SIGNUP_CANCELLED,
            SIGNUP_ERRORED, WABA_PROVISIONED, WABA_PROVISIONING_FAILED, WABA_STATUS_CHANGED, WABA_OFFBOARDED,
            CHANNEL_PROVISIONED, CHANNEL_PROVISIONING_FAILED, CHANNEL_STATUS_CHANGED, CHANNEL_DEPROVISIONED,
            CREDENTIALS_ROTATED, ENDPOINT_DISABLED, WEBHOOK_TEST);

    private PartnerEventTypes() {
    }
}

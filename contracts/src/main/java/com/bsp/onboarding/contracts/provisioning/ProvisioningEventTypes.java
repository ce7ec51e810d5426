package com.bsp.onboarding.contracts.provisioning;

/**
 * CloudEvents {@code type} values of waba-provisioner, on
 * {@link com.bsp.onboarding.contracts.Topics#PROVISIONING_EVENTS} (and the dead letters on
 * {@link com.bsp.onboarding.contracts.Topics#PROVISIONING_DEAD_LETTERS}).
 */
public final class ProvisioningEventTypes {

    public static final String WABA_PROVISIONED = "com.bsp.onboarding.provisioning.waba-provisioned.v1";
    public static final String WABA_PROVISIONING_FAILED = "com.bsp.onboarding.provisioning.waba-provisioning-failed.v1";
    public static final String WABA_OFFBOARDED = "com.bsp.onboarding.provisioning.waba-offboarded.v1";
    public static final String WABA_STATUS_CHANGED = "com.bsp.onboarding.provisioning.waba-status-changed.v1";
    /** The account lifecycle moved a WABA (webhook onboarding, PARTNER_APP_UNINSTALLED, ACCOUNT_OFFBOARDED, ...). */
    public static final String WABA_LIFECYCLE_CHANGED = "com.bsp.onboarding.provisioning.waba-lifecycle-changed.v1";
    public static final String CHANNEL_PROVISIONED = "com.bsp.onboarding.provisioning.channel-provisioned.v1";
    public static final String CHANNEL_PROVISIONING_FAILED = "com.bsp.onboarding.provisioning.channel-provisioning-failed.v1";
    /** A channel revoked after it was provisioned lost its webhook and its stored API key. */
    public static final String CHANNEL_DEPROVISIONED = "com.bsp.onboarding.provisioning.channel-deprovisioned.v1";
    /** 360Dialog reported account_violation / account_restriction for a channel (or client). */
    public static final String CHANNEL_STATUS_CHANGED = "com.bsp.onboarding.provisioning.channel-status-changed.v1";
    /**
     * waba-provisioner decided a link's claim on a channel (the redirect's {@code channels} / {@code revoked}) against
     * 360Dialog's authoritative facts: confirmed, or refused with the reason.
     */
    public static final String CHANNEL_CLAIM_DECIDED = "com.bsp.onboarding.provisioning.channel-claim-decided.v1";
    /** A channel's API key was replaced ({@link ChannelCredentialsRotated}). */
    public static final String CHANNEL_CREDENTIALS_ROTATED = "com.bsp.onboarding.provisioning.channel-credentials-rotated.v1";
    /** A channel API key was handed to its hub or refused ({@link com.bsp.onboarding.contracts.audit.CredentialRead}). */
    public static final String CREDENTIAL_READ = "com.bsp.onboarding.provisioning.credential-read.v1";
    public static final String DEAD_LETTERED = "com.bsp.onboarding.provisioning.dead-lettered.v1";

    public static final String SOURCE = "urn:bsp-onboarding:waba-provisioner";

    private ProvisioningEventTypes() {
    }
}

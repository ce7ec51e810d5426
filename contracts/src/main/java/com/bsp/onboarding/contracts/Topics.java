package com.bsp.onboarding.contracts;

/**
 * Kafka topic names shared by producers and consumers. One topic per event stream; every topic here
 * is described in {@code asyncapi.yaml} (a contract test keeps the two in step).
 */
public final class Topics {

    /** Integrated Onboarding links: {@code link issued}, {@code onboarding completed}. Produced by link-service. */
    public static final String IO_LINK_EVENTS = "io-links.events.v1";

    /**
     * Every authentic webhook exactly as received (body bytes untouched), the source of truth for
     * everything derived from it. Produced by webhook-ingest before it answers the sender.
     */
    public static final String WEBHOOKS_RAW = "webhooks.raw.v1";

    /** One typed event per change of a Meta webhook, keyed by the customer's WABA id. Produced by webhook-ingest. */
    public static final String META_WEBHOOK_EVENTS = "meta-webhooks.events.v1";

    /** One typed event per 360Dialog partner webhook, keyed by client id. Produced by webhook-ingest. */
    public static final String DIALOG360_WEBHOOK_EVENTS = "360dialog-webhooks.events.v1";

    /** Authentic webhooks that could not be parsed: kept, never dropped. Produced by webhook-ingest. */
    public static final String WEBHOOKS_QUARANTINE = "webhooks.quarantine.v1";

    /** Embedded Signup outcomes: {@code signup completed}, keyed by WABA id. Produced by token-service. */
    public static final String SIGNUP_EVENTS = "signups.events.v1";

    /**
     * What waba-provisioner did: WABAs provisioned, failed, offboarded or changed status (keyed by WABA
     * id) and 360Dialog channels provisioned or failed (keyed by client id).
     */
    public static final String PROVISIONING_EVENTS = "provisioning.events.v1";

    /** Inputs and workflows waba-provisioner gave up on, for ops to inspect and replay. */
    public static final String PROVISIONING_DEAD_LETTERS = "provisioning.dead-letters.v1";

    /**
     * What partner-webhooks did with the hubs' webhook endpoints: {@code endpoint disabled}, keyed by endpoint
     * id. Produced by partner-webhooks.
     */
    public static final String PARTNER_WEBHOOK_EVENTS = "partner-webhooks.events.v1";

    private Topics() {
    }
}

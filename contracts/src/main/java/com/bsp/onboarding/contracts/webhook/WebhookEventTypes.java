package com.bsp.onboarding.contracts.webhook;

/**
 * CloudEvents {@code type} values of webhook-ingest. Typed events name the webhook's own field and
 * event, so a consumer subscribes to exactly what it handles and unknown ones pass through unchanged.
 */
public final class WebhookEventTypes {

    /** A raw webhook on {@link com.bsp.onboarding.contracts.Topics#WEBHOOKS_RAW} (binary mode: the body is the value). */
    public static final String RAW_RECEIVED = "com.bsp.onboarding.webhook.received.v1";

    /** A raw webhook that could not be parsed, on the quarantine topic. */
    public static final String QUARANTINED = "com.bsp.onboarding.webhook.quarantined.v1";

    /** Prefix of Meta change events: {@code <prefix><field>} or {@code <prefix><field>.<EVENT>}. */
    public static final String META_PREFIX = "com.bsp.onboarding.meta.";

    /** Prefix of 360Dialog partner events: {@code <prefix><event>}. */
    public static final String DIALOG360_PREFIX = "com.bsp.onboarding.360dialog.";

    public static final String SOURCE = "urn:bsp-onboarding:webhook-ingest";

    private WebhookEventTypes() {
    }

    /** {@code account_update} + {@code PARTNER_ADDED} gives {@code com.bsp.onboarding.meta.account_update.PARTNER_ADDED}. */
    public static String meta(String field, String event) {
        return META_PREFIX + sanitize(field) + (event == null ? "" : "." + sanitize(event));
    }

    public static String dialog360(String event) {
        return DIALOG360_PREFIX + sanitize(event);
    }

    /** Keeps names readable but confines them to characters that are safe in a type string. */
    private static String sanitize(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return cleaned.isEmpty() ? "unnamed" : cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    }
}

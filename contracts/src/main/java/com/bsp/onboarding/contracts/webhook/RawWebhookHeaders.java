package com.bsp.onboarding.contracts.webhook;

/**
 * Kafka record headers of raw and quarantined webhooks. These records are CloudEvents in binary mode:
 * the value is the request body, byte for byte, and the attributes travel as {@code ce_} headers.
 */
public final class RawWebhookHeaders {

    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** {@code meta}, {@code 360dialog} or {@code 360dialog-channel}. */
    public static final String WEBHOOK_SOURCE = "webhook-source";
    /** The 360Dialog partner id of the URL the webhook was posted to. */
    public static final String PARTNER_ID = "webhook-partner-id";
    /** The 360Dialog channel id of the URL a channel (messaging) webhook was posted to. */
    public static final String CHANNEL_ID = "webhook-channel-id";
    /** The Meta app whose own route ({@code /webhooks/meta/{appId}}) received the webhook, verified with its secret. */
    public static final String META_APP_ID = "webhook-meta-app-id";
    /** The signature header as received (a MAC, not a secret), kept for audit. */
    public static final String SIGNATURE = "webhook-signature";
    public static final String USER_AGENT = "webhook-user-agent";
    /** On quarantined records: why the body could not be turned into typed events. */
    public static final String QUARANTINE_REASON = "quarantine-reason";

    public static final String SOURCE_META = "meta";
    public static final String SOURCE_360DIALOG = "360dialog";
    /**
     * A 360Dialog channel's messaging webhook (Cloud API shaped: messages and statuses), authenticated
     * by the header we set on the channel's webhook, not signed. Raw topic only: no typed event.
     */
    public static final String SOURCE_360DIALOG_CHANNEL = "360dialog-channel";

    private RawWebhookHeaders() {
    }
}

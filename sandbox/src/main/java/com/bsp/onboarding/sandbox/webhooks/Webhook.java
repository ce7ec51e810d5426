package com.bsp.onboarding.sandbox.webhooks;

/**
 * One webhook to deliver: the exact body bytes that were signed, and the signature header. The body is
 * sent as built, never re-serialised, so the receiver's HMAC over the raw bytes matches.
 *
 * @param source {@code meta} or {@code 360dialog}
 * @param event what it announces, for the delivery log (e.g. {@code PARTNER_ADDED}, {@code channel_created})
 */
public record Webhook(String source, String event, String url, String signatureHeader, String signature, byte[] body) {
}

package com.bsp.onboarding.contracts.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The audit record of one credential hand-off (type {@code ...credential-read.v1} on the owning service's
 * topic): who read which credential, when, with which outcome. Never the value, never the caller's key:
 * only the first 8 hex digits of its SHA-256, enough to tell a hub's keys apart.
 *
 * @param credential {@code channel_api_key} or {@code business_token}
 * @param subject the channel id or signup id the credential belongs to
 * @param outcome {@code handed_out}, {@code refused} (no credentials permission) or {@code not_found}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialRead(
        String credential,
        String subject,
        String hubId,
        String apiKeyFingerprint,
        String outcome,
        Instant readAt) {

    public static final String CHANNEL_API_KEY = "channel_api_key";
    public static final String BUSINESS_TOKEN = "business_token";
}

package com.bsp.onboarding.provisioner.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A provisioned channel's current API key, as its hub receives it (never logged: {@link #toString()} hides it). */
@Schema(name = "ChannelApiKey")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelApiKey(
        String channelId,
        String clientId,
        @Schema(description = "The channel's current 360Dialog API key (D360-API-KEY)") String apiKey,
        Instant provisionedAt,
        @Schema(description = "When the key was last rotated; absent while it is the key made at provisioning") Instant rotatedAt) {

    @Override
    public String toString() {
        return "ChannelApiKey[" + channelId + ", key hidden]";
    }
}

package com.bsp.onboarding.providers.dialog360;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** The answer of creating a channel API key: {@code {"api_keys":[{...}]}} or the flat object (both are seen). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelApiKeys(@JsonProperty("api_keys") List<ChannelApiKey> apiKeys, @JsonProperty("api_key") String apiKey) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChannelApiKey(@JsonProperty("api_key") String apiKey) {
    }

    /** The new key, wherever the answer put it. */
    public Optional<String> key() {
        String key = apiKeys != null ? (apiKeys.isEmpty() ? null : apiKeys.get(0).apiKey()) : apiKey;
        return Optional.ofNullable(key).filter(k -> !k.isEmpty());
    }

    @Override
    public String toString() {
        return "ChannelApiKeys[keys hidden]";
    }
}

package com.bsp.onboarding.providers.dialog360;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A channel's webhook: where 360Dialog posts, and the headers it adds (the secret webhook-ingest checks). */
public record WebhookConfig(@JsonProperty("url") String url, @JsonProperty("headers") Map<String, String> headers) {

    @Override
    public String toString() {
        return "WebhookConfig[" + url + ", headers hidden]";
    }
}

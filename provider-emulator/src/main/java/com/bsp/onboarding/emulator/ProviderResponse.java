package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the emulated provider answers: a status with a JSON body (or none), or {@code drop}: the
 * connection is closed without an answer, as by a provider that crashed mid-call.
 */
public record ProviderResponse(int status, JsonNode body, boolean drop) {

    public static ProviderResponse json(int status, JsonNode body) {
        return new ProviderResponse(status, body, false);
    }

    public static ProviderResponse empty(int status) {
        return new ProviderResponse(status, null, false);
    }

    public static ProviderResponse dropped() {
        return new ProviderResponse(0, null, true);
    }
}

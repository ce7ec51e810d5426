package com.bsp.onboarding.http.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The API key a request presented. Never printed: {@link #toString()} does not show it. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key hidden]";
    }
}

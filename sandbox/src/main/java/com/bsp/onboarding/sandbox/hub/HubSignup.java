package com.bsp.onboarding.sandbox.hub;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One customer's signup at the hub, opened by a signed IO link and completed (once) by the form. It keeps
 * the link's parameters server-side, so the form carries only the signup's id.
 */
public record HubSignup(String id, String hubId, String partnerId, String kind, Map<String, String> params, Instant openedAt,
        AtomicBoolean completed) {

    public String param(String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}

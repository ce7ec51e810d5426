package com.bsp.onboarding.partnerwebhooks.delivery;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The data of {@value #TYPE} on partner-webhooks.events.v1: the service gave up on an endpoint. Only the
 * URL's host: a path or query may carry the hub's own tokens.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndpointDisabled(String endpointId, String hubId, String urlHost, Instant failingSince, Instant disabledAt) {

    public static final String TYPE = "com.bsp.onboarding.partner-webhooks.endpoint-disabled.v1";
    public static final String SOURCE = "urn:bsp-onboarding:partner-webhooks";
    public static final String TOPIC = "partner-webhooks.events.v1";
}

package com.bsp.onboarding.partnerwebhooks.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One partner-facing event, before it becomes a message: {@code id} is derived from the source event's id
 * (so a redelivered source event gives the same webhook-id), {@code data} is the body's {@code data}: it
 * carries the onboarding id, the route and the partner's own reference, never a credential.
 *
 * @param onboardingId the onboarding it belongs to; null for endpoint and test events
 */
public record PartnerEvent(String id, String hubId, String onboardingId, String type, Instant timestamp,
        ObjectNode data) {
}

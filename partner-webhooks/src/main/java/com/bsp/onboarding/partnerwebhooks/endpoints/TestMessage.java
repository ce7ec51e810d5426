package com.bsp.onboarding.partnerwebhooks.endpoints;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record TestMessage(@Schema(description = "The webhook-id of the webhook.test event") String messageId) {
}

package com.bsp.onboarding.token.hosted;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * What a partner chose for a hosted signup session ({@code POST /v1/signup-sessions}).
 *
 * @param customerReference the partner's own reference for the customer, handed back in every event of the session
 * @param redirectUrl where the page sends the customer when the flow ends, or null to stay on the page
 * @param prefill business data for Embedded Signup's screens, already in Meta's {@code extras.setup} shape, or null
 */
public record SessionInput(String customerReference, URI redirectUrl, SignupFlow flow, ObjectNode prefill) {

    public static final SessionInput NONE = new SessionInput(null, null, SignupFlow.DEFAULT, null);

    /** Never prints the reference or the prefill: both may be personal data. */
    @Override
    public String toString() {
        return "SessionInput[" + flow.wireName() + "]";
    }
}

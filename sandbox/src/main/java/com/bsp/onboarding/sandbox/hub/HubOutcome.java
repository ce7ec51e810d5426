package com.bsp.onboarding.sandbox.hub;

import java.net.URI;
import java.util.List;

/** What the hub answers to a signup link or a completed signup. */
sealed interface HubOutcome {

    /** A refused link or form: the status and what the customer is told. */
    record Refused(int status, String title, String message) implements HubOutcome {
    }

    /** A valid, first-time link: the signup page. */
    record Opened(HubSignup signup) implements HubOutcome {
    }

    /** A completed signup: the client, its channels, and where the browser goes (null: a result page). */
    record Completed(HubSignup signup, String clientId, List<String> channelIds, URI redirect) implements HubOutcome {
    }
}

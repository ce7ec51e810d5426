package com.bsp.onboarding.link.callback;

import com.bsp.onboarding.link.links.Link;

/** What became of a redirect back from 360Dialog. Only {@link Completed} recorded anything. */
public sealed interface CallbackOutcome {

    record Completed(Link link) implements CallbackOutcome {
    }

    /** No link has this state. */
    record UnknownState() implements CallbackOutcome {
    }

    /** The state was accepted before: a replay, or the browser went back. */
    record AlreadyUsed(Link link) implements CallbackOutcome {
    }

    record Expired(Link link) implements CallbackOutcome {
    }
}

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

    /**
     * The link was issued for one client (permission screen, {@code connect_client_user}) and the redirect names
     * another: the unsigned redirect cannot move a link to a client it was not issued for.
     */
    record ClientMismatch(Link link) implements CallbackOutcome {
    }
}

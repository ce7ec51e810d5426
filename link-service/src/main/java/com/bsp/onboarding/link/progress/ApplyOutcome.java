package com.bsp.onboarding.link.progress;

import java.util.Locale;

/** What became of an event that was read: the {@code outcome} tag of {@code progress_events_total}. */
enum ApplyOutcome {
    /** It moved a channel on. */
    APPLIED,
    /** Its id was applied before: a redelivery, changing nothing. */
    DUPLICATE,
    /** Older than what the channel already shows (it arrived out of order): recorded as seen, changing nothing. */
    STALE,
    /** Not about a channel's progress (another event type): skipped. */
    IGNORED,
    /** Unreadable or refused by the database as data: logged and skipped. */
    MALFORMED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package com.bsp.onboarding.partnerwebhooks.intake;

import java.util.Locale;

/** What became of a record that was read: the {@code outcome} tag of {@code partner_intake_records_total}. */
enum IntakeOutcome {
    /** It changed an onboarding (and told its hub, when there was something to tell). */
    APPLIED,
    /** Its id was applied before: a redelivery, changing nothing. */
    DUPLICATE,
    /** Nothing told yet whose it is: kept until an event does. */
    PARKED,
    /** It names a hub other than its onboarding's: dropped, never told to either hub. */
    HUB_MISMATCH,
    /** Not for partners (another type, a session message other than CANCEL/ERROR): skipped. */
    IGNORED,
    /** Unreadable or refused by the database as data: logged and skipped. */
    MALFORMED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

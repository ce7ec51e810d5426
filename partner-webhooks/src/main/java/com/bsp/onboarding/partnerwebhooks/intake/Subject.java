package com.bsp.onboarding.partnerwebhooks.intake;

/** Something a later event names instead of the onboarding: a WABA, a 360Dialog client, a channel, a signup, a link. */
record Subject(String kind, String id) {

    static final String WABA = "waba";
    static final String CLIENT = "client";
    static final String CHANNEL = "channel";
    static final String SIGNUP = "signup";
    static final String LINK = "link";

    /** One text per subject, as parked events list them. */
    String key() {
        return kind + ":" + id;
    }
}

package com.bsp.onboarding.contracts.link;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an Integrated Onboarding link opens at 360Dialog. */
public enum LinkKind {
    /** The signup flow: account, Embedded Signup, and the permission screen on Direct Payment hubs. */
    SIGNUP,
    /** The permission screen alone, for an existing client of a Direct Payment hub. */
    PERMISSION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

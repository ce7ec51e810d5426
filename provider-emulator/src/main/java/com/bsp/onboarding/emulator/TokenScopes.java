package com.bsp.onboarding.emulator;

import java.util.Locale;

/**
 * What {@code debug_token} lists in {@code granular_scopes} for an Embedded Signup business token. Meta renamed
 * the management scope in June 2026 (reference §3.2; Chatwoot issues #14690 / #14711): tokens of apps on Graph
 * v23.0+ carry {@code whatsapp_business_manage_events} instead of {@code whatsapp_business_management}. Partners
 * still meet both, so the emulator plays either, and tokens whose scopes list no targets at all.
 */
public enum TokenScopes {
    /** Since June 2026: whatsapp_business_manage_events and whatsapp_business_messaging, each targeting the WABA. */
    MANAGE_EVENTS("whatsapp_business_manage_events"),
    /** Before June 2026: whatsapp_business_management and whatsapp_business_messaging. */
    MANAGEMENT("whatsapp_business_management"),
    /** Scope names without target_ids: only a call with the token tells whether it reaches the WABA. */
    NO_TARGETS("whatsapp_business_manage_events");

    private final String managementScope;

    TokenScopes(String managementScope) {
        this.managementScope = managementScope;
    }

    public String managementScope() {
        return managementScope;
    }

    public boolean listsTargets() {
        return this != NO_TARGETS;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenScopes fromWire(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown token scopes '" + name + "': manage_events, management, no_targets");
        }
    }
}

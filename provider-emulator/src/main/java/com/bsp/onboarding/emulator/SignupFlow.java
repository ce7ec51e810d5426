package com.bsp.onboarding.emulator;

import java.util.Locale;

/**
 * How a customer finishes Embedded Signup v4 (Meta's "Versions" page, updated 2026-05-21: users can finish with a
 * verified, unverified or no phone number; feature type {@code whatsapp_business_app_onboarding} for numbers that
 * stay in the WhatsApp Business app). The finish message each one posts is {@link IssuedCode#finishMessage()}.
 */
public enum SignupFlow {
    /** A new number on Cloud API: {@code FINISH} with waba_id, phone_number_id, business_id. */
    DEFAULT,
    /**
     * Coexistence: the WhatsApp Business app's number joins Cloud API and stays in the app;
     * {@code FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING} carries no phone_number_id (reference §3.3).
     */
    COEXISTENCE,
    /** v4: the WABA has a number, but the {@code FINISH} message leaves phone_number_id out. */
    NUMBER_NOT_REPORTED,
    /** v4: the customer finished without adding a phone number at all; the WABA has none. */
    NO_NUMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** null or blank: {@link #DEFAULT}. */
    public static SignupFlow fromWire(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown signup flow '" + name + "': default, coexistence, number_not_reported, no_number");
        }
    }
}

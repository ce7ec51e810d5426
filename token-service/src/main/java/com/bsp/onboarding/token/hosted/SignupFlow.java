package com.bsp.onboarding.token.hosted;

import java.util.Locale;
import java.util.Optional;

/** The Embedded Signup flows a session can start, and the {@code extras.featureType} each one needs. */
public enum SignupFlow {
    /** A number on Cloud API; the default flow has no feature type. */
    DEFAULT(null),
    /** A WhatsApp Business app number that stays in the app (reference §3.3); never registered. */
    COEXISTENCE("whatsapp_business_app_onboarding");

    private final String featureType;

    SignupFlow(String featureType) {
        this.featureType = featureType;
    }

    public Optional<String> featureType() {
        return Optional.ofNullable(featureType);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SignupFlow> fromWire(String name) {
        for (SignupFlow flow : values()) {
            if (flow.wireName().equals(name)) {
                return Optional.of(flow);
            }
        }
        return Optional.empty();
    }
}

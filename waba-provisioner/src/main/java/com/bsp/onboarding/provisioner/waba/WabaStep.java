package com.bsp.onboarding.provisioner.waba;

import java.util.List;
import java.util.Locale;

/** The steps of a WABA's sequences, in order. Their names are stored and shown to ops. */
public enum WabaStep {
    SUBSCRIBE_APP,
    /** Account sharing hubs only: an empty 360Dialog client for the customer. */
    CREATE_DIALOG360_CLIENT,
    /** Account sharing hubs only: the WABA handed to 360Dialog, which onboards its number as a channel of that client. */
    HAND_OVER_NUMBER,
    SHARE_CREDIT_LINE,
    VERIFY_CREDIT_SHARING,
    /** Embedded Signup v4 may finish without a phone_number_id: the number is then read from the WABA. */
    RESOLVE_PHONE_NUMBER,
    REGISTER_PHONE,
    /** Coexistence numbers only: Meta is asked once to sync the app's contacts, then its message history. */
    SYNC_APP_DATA,
    READ_TEMPLATE_NAMESPACE,
    /** The offboarding sequence (PARTNER_REMOVED). */
    REVOKE_CREDIT_SHARING;

    public static final List<WabaStep> PROVISIONING = List.of(SUBSCRIBE_APP, CREATE_DIALOG360_CLIENT, HAND_OVER_NUMBER,
            SHARE_CREDIT_LINE, VERIFY_CREDIT_SHARING,
            RESOLVE_PHONE_NUMBER, REGISTER_PHONE, SYNC_APP_DATA, READ_TEMPLATE_NAMESPACE);
    public static final List<WabaStep> OFFBOARDING = List.of(REVOKE_CREDIT_SHARING);

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WabaStep fromWire(String name) {
        return name == null ? null : valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The step after this one in its sequence, or null at the end. */
    public WabaStep next() {
        List<WabaStep> sequence = this == REVOKE_CREDIT_SHARING ? OFFBOARDING : PROVISIONING;
        int index = sequence.indexOf(this);
        return index + 1 < sequence.size() ? sequence.get(index + 1) : null;
    }

    public int position() {
        return this == REVOKE_CREDIT_SHARING ? 0 : PROVISIONING.indexOf(this);
    }
}

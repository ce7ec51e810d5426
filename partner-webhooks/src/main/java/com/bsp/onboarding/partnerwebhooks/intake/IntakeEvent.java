package com.bsp.onboarding.partnerwebhooks.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * What one source event means for an onboarding, decided from the event alone (no database): which
 * onboarding it starts or belongs to, what it teaches about it, and what the partner is told.
 *
 * @param hubId the hub the event names; null when it names none (waba-status-changed): then the onboarding's hub
 * @param start the onboarding this event opens (or names by its own id), created when not known yet; null: find
 *     the onboarding through {@code lookups}
 * @param lookups subjects whose onboarding this is, the first bound one wins
 * @param binds subjects that belong to the onboarding from now on
 */
record IntakeEvent(
        String sourceId,
        String sourceType,
        Instant time,
        String hubId,
        Start start,
        List<Subject> lookups,
        List<Subject> binds,
        Facts facts,
        OnboardingStatus status,
        List<ChannelChange> channels,
        List<Emit> emits) {

    /** An onboarding by its own id, with what it was opened with. */
    record Start(String onboardingId, String route, String partnerReference) {
    }

    /** Ids the event tells about the onboarding; null: not told (the stored value stays). */
    record Facts(String wabaId, String phoneNumberId, String businessId, String clientId) {
        static final Facts NONE = new Facts(null, null, null, null);
    }

    record ChannelChange(String channelId, ChannelStatus status) {
    }

    /**
     * One partner event to publish: its type and the fields of its {@code data} particular to it (the common ones,
     * onboarding id, route, reference and the subject ids, are added from the onboarding).
     */
    record Emit(String type, ObjectNode data) {
    }
}

package com.bsp.onboarding.partnerwebhooks.intake;

/** The ids an onboarding's events carry, as stored (or as just learnt). */
record Onboarding(String id, String hubId, String route, String partnerReference, String wabaId,
        String phoneNumberId, String businessId, String clientId) {

    /** What {@code facts} add: a told id replaces the stored one, an untold one keeps it (as the UPDATE does). */
    Onboarding with(IntakeEvent.Facts facts) {
        return new Onboarding(id, hubId, route, partnerReference, or(facts.wabaId(), wabaId),
                or(facts.phoneNumberId(), phoneNumberId), or(facts.businessId(), businessId),
                or(facts.clientId(), clientId));
    }

    private static String or(String told, String stored) {
        return told != null ? told : stored;
    }
}

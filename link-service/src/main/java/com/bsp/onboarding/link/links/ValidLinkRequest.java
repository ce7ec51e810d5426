package com.bsp.onboarding.link.links;

import com.bsp.onboarding.contracts.link.LinkKind;
import java.net.URI;

/** A {@link LinkRequest} that passed every rule of its hub; optional fields are null when absent. */
public record ValidLinkRequest(
        LinkKind kind,
        String email,
        String name,
        String number,
        String callerState,
        URI redirectTarget,
        String partnerPayload,
        String next,
        String lang,
        String planSelection,
        boolean connectClientUser,
        String clientId,
        /** Popup mode: the partner page's origin, as browsers serialise it; null for a normal redirect. */
        String popupOrigin) {
}

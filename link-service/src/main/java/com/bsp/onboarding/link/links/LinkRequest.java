package com.bsp.onboarding.link.links;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a partner platform asks for. Field names follow 360Dialog's IO query parameters; every field is
 * optional except where {@code kind} or {@code connect_client_user} require {@code client_id}.
 */
@Schema(name = "LinkRequest")
public record LinkRequest(
        @Schema(description = "signup (default) or permission (Direct Payment hubs, existing client)", enumeration = {"signup", "permission"})
        String kind,
        @Schema(description = "Pre-fills the signup form", maxLength = 254, example = "owner@shop.example")
        String email,
        @Schema(description = "Pre-fills the signup form", maxLength = 200)
        String name,
        @Schema(description = "Phone number with country code, digits only, no leading + or 00", pattern = "[1-9][0-9]{5,14}", example = "4915112345678")
        String number,
        @Schema(description = "Your own opaque value, handed back to your redirect target; never sent to 360Dialog", maxLength = 512)
        String state,
        @Schema(description = "https URL on one of the hub's allowed hosts; the browser is forwarded there with the outcome", maxLength = 2048)
        String redirectUrl,
        @Schema(description = "Stored by 360Dialog on the client, read back as partner_payload", maxLength = 512)
        String partner,
        @Schema(enumeration = {"login", "signup"})
        String next,
        @Schema(enumeration = {"de", "en"})
        String lang,
        @Schema(description = "basic only where the hub allows it", enumeration = {"basic", "regular", "premium"})
        String planSelection,
        @Schema(description = "Connects the client user (partner-hosted Embedded Signup); needs client_id")
        Boolean connectClientUser,
        @Schema(description = "Existing 360Dialog client id: for permission links and connect_client_user", maxLength = 64)
        String clientId,
        @Schema(description = "Popup mode: the origin of your page that opens the link with window.open. The callback's "
                + "result page then posts window.location.search (client, channels, revoked, state) to window.opener "
                + "with this exact target origin and closes; check event.origin (this service's origin) in your listener. "
                + "https, or http for localhost; its host must be one of the hub's allowed redirect hosts. "
                + "Not with redirect_url.", maxLength = 300, example = "https://app.partner.example")
        String popupOrigin) {
}

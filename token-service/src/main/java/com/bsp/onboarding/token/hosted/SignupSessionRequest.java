package com.bsp.onboarding.token.hosted;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented shape of {@code POST /v1/signup-sessions}'s body. The body is read by {@link SessionInputParser},
 * field by field, so that every unknown or invalid field is named; this record only describes it.
 */
@Schema(name = "SignupSessionRequest")
public record SignupSessionRequest(
        @Schema(description = "Your own reference for the customer (at most 128 characters): handed back in the session and in "
                + "every event it produces", example = "crm-4711")
        String customerReference,
        @Schema(description = "Where the page sends the customer when the flow ends (https, on a host allowed for your hub); "
                + "signup_session and outcome (completed, cancelled, error) are added to its query. They travelled through "
                + "the browser: read the session (GET /v1/signup-sessions/{id}) for the truth",
                example = "https://app.partner.example/whatsapp/connected")
        String redirectUrl,
        @Schema(description = "default: a number on Cloud API; coexistence: a WhatsApp Business app number that stays in the "
                + "app (never registered)", enumeration = {"default", "coexistence"}, defaultValue = "default")
        String flow,
        @Schema(description = "Business data that pre-fills Embedded Signup's screens") Prefill prefill) {

    @Schema(name = "SignupSessionPrefill")
    public record Prefill(Business business, PhoneProfile phone) {
    }

    @Schema(name = "SignupSessionPrefillBusiness")
    public record Business(String name, String email, @Schema(description = "http(s) URL") String website, BusinessPhone phone,
            Address address, @Schema(example = "UTC-08:00") String timezone) {
    }

    @Schema(name = "SignupSessionPrefillBusinessPhone")
    public record BusinessPhone(@Schema(description = "Country calling code, digits", example = "49") String code,
            @Schema(description = "Digits", example = "3012345678") String number) {
    }

    @Schema(name = "SignupSessionPrefillAddress")
    public record Address(String streetAddress1, String streetAddress2, String city, String state, String zipPostal,
            @Schema(description = "ISO 3166-1 alpha-2", example = "DE") String country) {
    }

    @Schema(name = "SignupSessionPrefillPhoneProfile")
    public record PhoneProfile(String displayName, @Schema(example = "RETAIL") String category, String description) {
    }
}

package com.bsp.onboarding.token.signup;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the partner backend relays from the browser after Embedded Signup. */
@Schema(name = "SignupRequest")
public record SignupRequest(
        @Schema(description = "authResponse.code of FB.login: lives 30 seconds, exchangeable once", required = true)
        String code,
        @Schema(description = "waba_id of the WA_EMBEDDED_SIGNUP message; checked against the token's scopes", required = true)
        String wabaId,
        @Schema(description = "phone_number_id of the WA_EMBEDDED_SIGNUP message (absent for FINISH_ONLY_WABA)")
        String phoneNumberId,
        @Schema(description = "business_id of the WA_EMBEDDED_SIGNUP message")
        String businessId,
        @Schema(description = "The WA_EMBEDDED_SIGNUP event: FINISH, FINISH_ONLY_WABA, ...", example = "FINISH")
        String finishType) {

    /** Never prints the code. */
    @Override
    public String toString() {
        return "SignupRequest[waba " + wabaId + "]";
    }
}

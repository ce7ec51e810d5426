package com.bsp.onboarding.token.hosted;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One {@code WA_EMBEDDED_SIGNUP} message a session's page received from Meta. It travelled through the customer's
 * browser, so it says where the customer went, not what Meta did: a finish is confirmed by the code exchange.
 */
@Schema(name = "SignupSessionEvent")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionEvent(
        @Schema(description = "FINISH, FINISH_ONLY_WABA, FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING, ..., CANCEL, ERROR") String event,
        @Schema(description = "CANCEL: the step the customer left at") String currentStep,
        @Schema(description = "ERROR: Meta's error code") String errorCode,
        @Schema(description = "ERROR: Meta's error message, as shown to the customer") String errorMessage,
        @Schema(description = "ERROR: Meta's session id, for Meta's support") String metaSessionId,
        @Schema(description = "When Meta says it happened (its timestamp), if it said") Instant reportedAt,
        String wabaId,
        String phoneNumberId,
        String businessId,
        Instant receivedAt) {

    public boolean finish() {
        return event.startsWith("FINISH");
    }
}

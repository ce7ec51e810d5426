package com.bsp.onboarding.provisioner.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A WABA as ops see it: where its sequence stands and each step with time and outcome. Never a secret. */
@Schema(name = "Waba")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WabaView(
        String wabaId,
        String hubId,
        @Schema(enumeration = {"observed", "provisioning", "provisioned", "failed", "offboarding", "offboarded"}) String status,
        @Schema(description = "The step running or due next; for a failed WABA, the step that failed") String currentStep,
        Instant nextAttemptAt,
        String signupId,
        String businessId,
        @Schema(description = "The signup's number, or the WABA's one number when the signup named none") String phoneNumberId,
        @Schema(description = "How Embedded Signup finished: FINISH, FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING (coexistence), ...")
        String finishType,
        @Schema(description = "The hosted signup session the signup came from") String signupSessionId,
        @Schema(description = "The partner's own reference for the customer") String customerReference,
        @Schema(description = "Account sharing hubs: the 360Dialog client the number was handed to (use it for connect_client_user links)")
        String dialog360ClientId,
        @Schema(enumeration = {"shared", "skipped", "revoked", "none", "by_360dialog"}) String creditSharing,
        String allocationConfigId,
        @Schema(enumeration = {"registered", "already_registered", "no_number", "several_numbers", "coexistence", "by_360dialog"})
        String phoneRegistration,
        String messageTemplateNamespace,
        @Schema(description = "The last DISABLED_UPDATE, ACCOUNT_VIOLATION or ACCOUNT_RESTRICTION") AccountStatus accountStatus,
        @Schema(description = "The latest Meta update of each kind (name, quality, review, account updates), with when it came")
        JsonNode updates,
        @Schema(description = "The provider's answer to the last failed call") JsonNode lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant provisionedAt,
        Instant offboardedAt,
        List<Step> steps) {

    public record AccountStatus(String event, JsonNode details, Instant at) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            String step,
            @Schema(enumeration = {"pending", "in_flight", "retrying", "done", "skipped", "failed"}) String status,
            int attempts,
            Instant startedAt,
            Instant finishedAt,
            String outcome,
            JsonNode error) {
    }
}

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
        @Schema(enumeration = {"observed", "awaiting_ops", "provisioning", "provisioned", "failed", "offboarding", "offboarded",
                "app_uninstalled", "account_offboarded", "account_deleted"}) String status,
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
        List<Step> steps,
        @Schema(description = "Whose token the WABA's calls use: the signup's (business) or, for a WABA onboarded by webhook "
                + "alone, the hub's System User token (system_user)", enumeration = {"business", "system_user"}) String tokenSource,
        @Schema(description = "unusable after PARTNER_APP_UNINSTALLED: no call is made with it", enumeration = {"usable", "unusable"})
        String tokenState,
        @Schema(description = "The latest lifecycle event applied (PARTNER_ADDED, PARTNER_APP_UNINSTALLED, ACCOUNT_OFFBOARDED, ...)")
        AccountStatus lifecycle,
        @Schema(description = "While stopped (app_uninstalled, account_offboarded): the status it returns to") String resumeStatus,
        @Schema(description = "The latest ACCOUNT_VIOLATION's violation_info") Detail violation,
        @Schema(description = "The latest ACCOUNT_RESTRICTION's restriction_info") Detail restriction,
        @Schema(description = "The latest DISABLED_UPDATE's ban_info") Detail ban) {

    public record AccountStatus(String event, JsonNode details, Instant at) {
    }

    /** One kind of account update's latest details and when it came. */
    public record Detail(JsonNode info, String receivedAt) {
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

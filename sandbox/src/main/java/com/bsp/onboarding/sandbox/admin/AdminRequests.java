package com.bsp.onboarding.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the admin API; JSON names are snake_case, as {@code EmulatorAdmin} sends them. */
final class AdminRequests {

    private AdminRequests() {
    }

    @Schema(description = "A fault for the next `times` calls of `operation`, or for a share (`rate`) of them")
    record Fault(
            @Schema(description = "Operation, e.g. subscribe_app, share_credit_line, register, exchange_code, debug_token, "
                    + "create_api_key, set_webhook; '*' for any", defaultValue = "*") String operation,
            @Schema(description = "Only calls on this target (WABA, phone number, channel, ...); any when absent") String target,
            @Schema(description = "How many calls fail; -1 until cleared", defaultValue = "-1") Long times,
            @Schema(description = "Share of the calls that fail, 0..1", defaultValue = "1.0") Double rate,
            @Schema(description = "HTTP status of the failed call", defaultValue = "500") Integer httpStatus,
            @Schema(description = "Graph error code") Integer code,
            @Schema(description = "Graph error subcode") Integer subcode,
            @Schema(description = "Close the connection without an answer instead", defaultValue = "false") Boolean drop) {
    }

    @Schema(description = "Latency of every call, or of one operation's calls; with target or times, of the next calls only")
    record Latency(
            @Schema(description = "Milliseconds", required = true) long millis,
            @Schema(description = "Only this operation's calls; all calls when absent") String operation,
            @Schema(description = "Only calls on this target (WABA, phone number, channel, ...)") String target,
            @Schema(description = "How many calls are delayed; -1 until reset") Long times) {
    }

    @Schema(description = "An Embedded Signup the customer finished: a fresh WABA, business, number and their code")
    record Code(
            @Schema(description = "The app the code is for; the sandbox's app when absent") String appId,
            @Schema(description = "How long ago the customer finished; older than sandbox.code-ttl, the code has expired",
                    defaultValue = "0") Long ageMs,
            @Schema(description = "How many signups, 1.." + MAX_CODES + "; when given, the answer is a list of them "
                    + "(e.g. one code per request of a benchmark, issued before it starts)") Integer count,
            @Schema(description = "How the customer finished: default (FINISH with a number), coexistence (a WhatsApp "
                    + "Business app number, FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING), number_not_reported (FINISH without "
                    + "phone_number_id, the WABA has one), no_number (the WABA has none)", defaultValue = "default") String flow,
            @Schema(description = "Scope names of the token's debug_token answer: manage_events (Meta since June 2026), "
                    + "management (before), no_targets; the sandbox's default (POST /_sandbox/token-scopes) when absent")
            String scopes,
            @Schema(description = "The token reaches another WABA than the finish message names", defaultValue = "false")
            Boolean tokenReachesOtherWaba) {

        /** Enough for a benchmark's run at a few hundred signups a second, small enough to answer in one body. */
        static final int MAX_CODES = 100_000;
    }

    @Schema(description = "The scope names debug_token lists for new signups' tokens")
    record TokenScopesChoice(@Schema(description = "manage_events, management or no_targets", required = true) String scopes) {
    }

    @Schema(description = "A WABA Meta knows, with its business and a phone number")
    record Seed(
            @Schema(required = true) String wabaId,
            String businessId,
            String phoneNumberId,
            @Schema(description = "Whether the number is already registered on Cloud API", defaultValue = "false") Boolean registered) {
    }

    @Schema(description = "An account_update webhook Meta sends for a WABA")
    record AccountUpdate(
            @Schema(required = true) String wabaId,
            @Schema(required = true, description = "PARTNER_ADDED, PARTNER_REMOVED, ACCOUNT_VIOLATION, DISABLED_UPDATE, ...")
            String event,
            @Schema(description = "waba_info.owner_business_id of partner events; the WABA's known business when absent")
            String ownerBusinessId,
            @Schema(description = "More fields of the change's value, e.g. {\"violation_info\":{...}}") JsonNode details,
            @Schema(description = "The Meta app whose webhook it is (sandbox.meta.apps); the default app when absent") String appId) {
    }

    /** A customer who finished Meta-hosted Embedded Signup: no code, only PARTNER_ADDED and PARTNER_APP_INSTALLED. */
    record HostedSignup(
            @Schema(description = "The Meta app the WABA is shared with (sandbox.meta.apps); the default app when absent") String appId,
            @Schema(description = "Whether the number is already registered on Cloud API") Boolean registered) {
    }

    /** A 360Dialog partner webhook on demand. */
    record PartnerWebhook(
            @Schema(required = true, description = "channel_revoked, account_violation, account_restriction, channel_running, ...")
            String event,
            String channelId,
            String clientId,
            @Schema(description = "data.status, e.g. revoked") String status,
            @Schema(description = "More fields of data") JsonNode details) {
    }
}

package com.bsp.onboarding.providers.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Graph's answers, as far as this project reads them. Names are fixed here, unknown fields ignored: Graph
 * adds fields, and a service's own Jackson settings must not change how Graph is read.
 */
public final class GraphRecords {

    private GraphRecords() {
    }

    /** {@code GET /oauth/access_token}: the business token ({@code token_type} and {@code expires_in} are optional). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AccessToken(@JsonProperty("access_token") String accessToken) {

        @Override
        public String toString() {
            return "AccessToken[hidden]";
        }
    }

    /** {@code GET /debug_token}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DebugToken(@JsonProperty("data") TokenData data) {

        /** The target ids of one scope, e.g. the WABAs a token may manage. */
        public List<String> targets(String scope) {
            if (data == null || data.granularScopes() == null) {
                return List.of();
            }
            return data.granularScopes().stream().filter(s -> scope.equals(s.scope()) && s.targetIds() != null)
                    .flatMap(s -> s.targetIds().stream()).toList();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenData(@JsonProperty("granular_scopes") List<GranularScope> granularScopes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GranularScope(@JsonProperty("scope") String scope, @JsonProperty("target_ids") List<String> targetIds) {
    }

    /** {@code {"success":true}} of the calls that only act. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Success(@JsonProperty("success") Boolean success) {
    }

    /** A list answer, {@code {"data":[...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(@JsonProperty("data") List<T> data) {

        public List<T> items() {
            return data == null ? List.of() : data;
        }
    }

    /** An app of {@code subscribed_apps}; Graph nests it in {@code whatsapp_business_api_data}, or answers it flat. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubscribedApp(@JsonProperty("whatsapp_business_api_data") Node app, @JsonProperty("id") String id) {

        public String appId() {
            return app != null ? app.id() : id;
        }
    }

    /** Any node by the fields this project reads: credit lines, allocation configs, WABAs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(@JsonProperty("id") String id, @JsonProperty("receiving_credential") Node receivingCredential,
            @JsonProperty("primary_funding_id") String primaryFundingId,
            @JsonProperty("message_template_namespace") String messageTemplateNamespace) {

        public Optional<String> receivingCredentialId() {
            return Optional.ofNullable(receivingCredential).map(Node::id).filter(s -> !s.isEmpty());
        }
    }

    /** {@code POST /{credit_line}/whatsapp_credit_sharing_and_attach}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreditSharing(@JsonProperty("allocation_config_id") String allocationConfigId, @JsonProperty("waba_id") String wabaId) {
    }

    /** A number of {@code GET /{waba_id}/phone_numbers}; {@code is_on_biz_app} is true for a coexistence number. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PhoneNumber(@JsonProperty("id") String id, @JsonProperty("platform_type") String platformType,
            @JsonProperty("status") String status, @JsonProperty("is_on_biz_app") Boolean onBizApp) {
    }

    /** The body of {@code POST /{phone_number_id}/register}. */
    public record Register(@JsonProperty("messaging_product") String messagingProduct, @JsonProperty("pin") String pin) {

        public static Register whatsapp(String pin) {
            return new Register("whatsapp", pin);
        }
    }

    /**
     * The body of {@code POST /{phone_number_id}/smb_app_data}: {@code sync_type} {@link #CONTACTS} or
     * {@link #HISTORY} (Meta, "Onboarding WhatsApp Business app users (coexistence)",
     * https://developers.facebook.com/docs/whatsapp/embedded-signup/onboarding-business-app-users).
     */
    public record AppDataSync(@JsonProperty("messaging_product") String messagingProduct, @JsonProperty("sync_type") String syncType) {

        public static final String CONTACTS = "smb_app_state_sync";
        public static final String HISTORY = "history";

        public static AppDataSync whatsapp(String syncType) {
            return new AppDataSync("whatsapp", syncType);
        }
    }

    /** Meta's answer to an {@code smb_app_data} sync: {@code {"messaging_product":"whatsapp","request_id":...}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AppDataSyncRequest(@JsonProperty("request_id") String requestId) {
    }
}

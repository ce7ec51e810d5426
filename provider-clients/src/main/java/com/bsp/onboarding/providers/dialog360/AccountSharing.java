package com.bsp.onboarding.providers.dialog360;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Bodies of 360Dialog's account sharing (Partner API reference, "Account Sharing"): the route of partners that
 * host Meta's Embedded Signup themselves and hand the shared WABA to 360Dialog.
 */
public final class AccountSharing {

    private AccountSharing() {
    }

    /** {@code POST /partners/{p}/account_sharing/clients}: an empty client for the customer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewClient(@JsonProperty("name") String name, @JsonProperty("user_name") String userName) {
    }

    /**
     * A client as 360Dialog answers it: its id, name and {@code partner_payload} (the IO link's {@code partner}
     * parameter, stored on the client by 360Dialog: reference §1.1, §3.5).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Client(@JsonProperty("id") String id, @JsonProperty("name") String name,
            @JsonProperty("partner_payload") String partnerPayload) {

        public Client(String id, String name) {
            this(id, name, null);
        }
    }

    /** {@code GET /partners/{p}/clients}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Clients(@JsonProperty("clients") List<Client> clients) {

        public List<Client> list() {
            return clients == null ? List.of() : clients;
        }
    }

    /**
     * {@code POST /partners/{p}/account_sharing/numbers}: the WABA shared with the partner's solution, for a client
     * ({@code client_id}) or the WABA's business ({@code waba_business_id}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NumberHandOver(@JsonProperty("solution_id") String solutionId, @JsonProperty("waba_external_id") String wabaId,
            @JsonProperty("client_id") String clientId, @JsonProperty("waba_business_id") String businessId) {
    }

    /** 360Dialog's answer: "Success. Please wait, your number is onboarding." */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NumberAccepted(@JsonProperty("waba_external_id") String wabaId, @JsonProperty("client_id") String clientId,
            @JsonProperty("message") String message) {
    }
}

package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An Embedded Signup code as the emulated Meta issued it, with the WABA, business portfolio and phone
 * number the customer "shared" in that signup.
 *
 * @param phoneNumberId the WABA's number; null when the customer finished without one ({@link SignupFlow#NO_NUMBER})
 * @param reachableWabaId the WABA the exchanged token actually reaches: {@code wabaId}, or another one when the
 *     signup was issued {@link SignupOptions#reachingOtherWaba() reaching another WABA}
 */
public record IssuedCode(String code, String appId, String wabaId, String businessId, String phoneNumberId, Instant issuedAt,
        Instant expiresAt, SignupFlow flow, TokenScopes scopes, String reachableWabaId) {

    /** The finish event of this signup's {@code WA_EMBEDDED_SIGNUP} message. */
    public String finishEvent() {
        return flow == SignupFlow.COEXISTENCE ? "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING" : "FINISH";
    }

    /**
     * The {@code WA_EMBEDDED_SIGNUP} message Meta posts to the page when this signup finishes (v4: sent for every
     * flow). Coexistence and number-less finishes carry no phone_number_id (reference §3.1, §3.3).
     */
    public ObjectNode finishMessage() {
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("type", "WA_EMBEDDED_SIGNUP").put("event", finishEvent());
        ObjectNode data = message.putObject("data").put("waba_id", wabaId);
        if (flow == SignupFlow.DEFAULT) {
            data.put("phone_number_id", phoneNumberId);
        }
        if (flow != SignupFlow.COEXISTENCE) {
            data.put("business_id", businessId);
        }
        return message;
    }

    /** How the admin API answers {@code POST codes}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("code", code).put("app_id", appId).put("waba_id", wabaId)
                .put("business_id", businessId).put("phone_number_id", phoneNumberId).put("issued_at", issuedAt.toString())
                .put("expires_at", expiresAt.toString()).put("flow", flow.wireName()).put("scopes", scopes.wireName())
                .put("reachable_waba_id", reachableWabaId);
        json.set("message", finishMessage());
        return json;
    }

    public static IssuedCode fromJson(JsonNode json) {
        return new IssuedCode(json.path("code").asText(), json.path("app_id").asText(), json.path("waba_id").asText(),
                json.path("business_id").asText(), json.hasNonNull("phone_number_id") ? json.get("phone_number_id").asText() : null,
                Instant.parse(json.path("issued_at").asText()), Instant.parse(json.path("expires_at").asText()),
                SignupFlow.fromWire(json.path("flow").asText(null)),
                json.hasNonNull("scopes") ? TokenScopes.fromWire(json.get("scopes").asText()) : TokenScopes.MANAGE_EVENTS,
                json.hasNonNull("reachable_waba_id") ? json.get("reachable_waba_id").asText() : json.path("waba_id").asText());
    }
}

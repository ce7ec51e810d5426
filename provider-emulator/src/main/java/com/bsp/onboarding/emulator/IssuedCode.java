package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An Embedded Signup code as the emulated Meta issued it, with the WABA, business portfolio and phone
 * number the customer "shared" in that signup.
 */
public record IssuedCode(String code, String appId, String wabaId, String businessId, String phoneNumberId, Instant issuedAt,
        Instant expiresAt) {

    /** How the admin API answers {@code POST codes}. */
    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("code", code).put("app_id", appId).put("waba_id", wabaId)
                .put("business_id", businessId).put("phone_number_id", phoneNumberId).put("issued_at", issuedAt.toString())
                .put("expires_at", expiresAt.toString());
    }

    public static IssuedCode fromJson(JsonNode json) {
        return new IssuedCode(json.path("code").asText(), json.path("app_id").asText(), json.path("waba_id").asText(),
                json.path("business_id").asText(), json.path("phone_number_id").asText(),
                Instant.parse(json.path("issued_at").asText()), Instant.parse(json.path("expires_at").asText()));
    }
}

package com.bsp.onboarding.token.signup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A signup's business token, handed to a Tech Provider hub's credentials key. {@code expiresAt} is absent: Embedded
 * Signup business tokens carry no expiry this service learns of.
 */
@Schema(name = "BusinessToken")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusinessToken(UUID signupId, String wabaId, String businessToken, Instant expiresAt) {

    /** Never the token: a record's default toString would put it in any log line that prints one. */
    @Override
    public String toString() {
        return "BusinessToken[signupId=" + signupId + ", wabaId=" + wabaId + "]";
    }
}

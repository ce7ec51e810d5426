package com.bsp.onboarding.token.hosted;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new session: send the customer's browser to {@code url}, once, before {@code expires_at}. */
@Schema(name = "SignupSessionCreated")
public record SignupSessionCreated(
        UUID id,
        @Schema(description = "The hosted Embedded Signup page of this session; its token is the customer's only credential")
        String url,
        Instant expiresAt) {

    /** Never prints the URL: it carries the token. */
    @Override
    public String toString() {
        return "SignupSessionCreated[" + id + "]";
    }
}

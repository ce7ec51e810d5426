package com.bsp.onboarding.token.signup;

import java.util.UUID;

/**
 * Where a signup came from, for its event: a hosted session (with the partner's customer reference) or the
 * partner's own page ({@link #API}).
 */
public record SignupOrigin(UUID sessionId, String customerReference) {

    public static final SignupOrigin API = new SignupOrigin(null, null);
}

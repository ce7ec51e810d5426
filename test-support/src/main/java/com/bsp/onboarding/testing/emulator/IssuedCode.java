package com.bsp.onboarding.testing.emulator;

import java.time.Instant;

/**
 * An Embedded Signup code as the emulated Meta issued it, with the WABA, business portfolio and phone
 * number the customer "shared" in that signup.
 */
public record IssuedCode(String code, String appId, String wabaId, String businessId, String phoneNumberId, Instant issuedAt,
        Instant expiresAt) {
}

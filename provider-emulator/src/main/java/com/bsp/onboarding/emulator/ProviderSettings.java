package com.bsp.onboarding.emulator;

import java.time.Duration;

/**
 * What the emulated Meta app and partner look like.
 *
 * @param appId the partner's Meta app: listed in subscribed_apps, the {@code client_id} of code exchanges
 * @param appSecret the {@code client_secret} a code exchange must carry
 * @param systemUserToken the token debug_token must be called with; null accepts any bearer token
 * @param creditLineId the partner's credit line, as {@code extendedcredits} lists it
 * @param codeTtl how long an Embedded Signup code can be exchanged (Meta: 30 seconds)
 * @param tokenScopes the scope names debug_token lists for new tokens, also after a reset (Meta since June 2026:
 *     {@link TokenScopes#MANAGE_EVENTS})
 */
public record ProviderSettings(String appId, String appSecret, String systemUserToken, String creditLineId, Duration codeTtl,
        TokenScopes tokenScopes) {

    public ProviderSettings(String appId, String appSecret, String systemUserToken, String creditLineId, Duration codeTtl) {
        this(appId, appSecret, systemUserToken, creditLineId, codeTtl, TokenScopes.MANAGE_EVENTS);
    }

    /** What {@link ProviderEmulator} has always emulated; the tests of waba-provisioner rely on these values. */
    public static ProviderSettings defaults() {
        return new ProviderSettings(ProviderEmulator.APP_ID, "emulated-app-secret", null, ProviderEmulator.CREDIT_LINE_ID,
                Duration.ofSeconds(30));
    }
}

package com.bsp.onboarding.link.support;

/** The API keys whose SHA-256 hashes the test profile configures (application.properties, %test). */
public final class TestApiKeys {

    /** Partner Payment hub alpha (partner aAbBcCPA); two keys, as during a rotation. */
    public static final String ALPHA = "alpha-key-1";
    public static final String ALPHA_ROTATED = "alpha-key-2";
    /** Direct Payment hub beta (partner bEtAdIrEcT), basic plan enabled, secret from a file. */
    public static final String BETA = "beta-key";

    public static final String ALPHA_PARTNER_ID = "aAbBcCPA";
    public static final String ALPHA_SECRET = "pl4tf0rm-s3cret-for-tests";
    public static final String BETA_PARTNER_ID = "bEtAdIrEcT";

    private TestApiKeys() {
    }
}

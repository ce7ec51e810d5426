package com.bsp.onboarding.link.support;

/** The API keys whose SHA-256 hashes the test profile configures (application.properties, %test). */
public final class TestApiKeys {

    /** Partner Payment hub alpha (partner aAbBcCPA); two keys, as during a rotation. */
    public static final String ALPHA = "alpha-key-1";
    public static final String ALPHA_ROTATED = "alpha-key-2";
    /** Direct Payment hub beta (partner bEtAdIrEcT), basic plan enabled, secret from a file. */
    public static final String BETA = "beta-key";
    /** Hubs gamma (partner gAmMaPA) and delta (partner dElTaPA): only the signature clock's tests use them. */
    public static final String GAMMA = "gamma-key";
    public static final String DELTA = "delta-key";

    public static final String ALPHA_PARTNER_ID = "aAbBcCPA";
    public static final String ALPHA_SECRET = "pl4tf0rm-s3cret-for-tests";
    public static final String BETA_PARTNER_ID = "bEtAdIrEcT";
    public static final String GAMMA_PARTNER_ID = "gAmMaPA";
    public static final String GAMMA_SECRET = "gamma-s3cret-for-tests";
    public static final String DELTA_PARTNER_ID = "dElTaPA";
    public static final String DELTA_SECRET = "delta-s3cret-for-tests";

    private TestApiKeys() {
    }
}

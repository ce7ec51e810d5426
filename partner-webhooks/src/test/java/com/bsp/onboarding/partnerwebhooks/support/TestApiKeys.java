package com.bsp.onboarding.partnerwebhooks.support;

/** The API keys whose SHA-256 hashes the test profile configures (application.properties, %test). */
public final class TestApiKeys {

    public static final String ALPHA = "alpha-key-1";
    public static final String BETA = "beta-key";

    private TestApiKeys() {
    }
}

package com.bsp.onboarding.provisioner.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The ops API as the tests call it: with the test profile's ops key (provisioner.ops.api-key-sha256). */
public final class OpsApi {

    /** Its SHA-256 is the test profile's ops key hash. */
    public static final String OPS_KEY = "ops-key-for-tests";

    private OpsApi() {
    }

    /** {@link RestAssured#given()} with the ops key. */
    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + OPS_KEY);
    }
}

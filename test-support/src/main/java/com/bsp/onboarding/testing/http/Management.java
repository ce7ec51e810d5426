package com.bsp.onboarding.testing.http;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * The management interface of the service under test ({@code quarkus.management.*}): health, metrics and the
 * OpenAPI document are served there, on a port of their own, not on the public port RestAssured calls.
 */
public final class Management {

    private Management() {
    }

    /** e.g. {@code http://localhost:41234/q/metrics} for {@code "/q/metrics"}, the port as the test run chose it. */
    public static String url(String path) {
        String base = TestHTTPResourceManager.getManagementUri();
        // The management URI ends with the management root path (/q); the paths the tests name start with it.
        String origin = base.replaceFirst("(https?://[^/]+).*", "$1");
        return origin + path;
    }
}

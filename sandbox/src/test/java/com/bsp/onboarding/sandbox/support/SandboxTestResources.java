package com.bsp.onboarding.sandbox.support;

import io.quarkus.test.common.QuarkusTestResource;

/** One WireMock receives every webhook the sandbox sends, for all test classes. */
@QuarkusTestResource(WebhookReceiver.class)
public final class SandboxTestResources {

    /** The demo defaults of application.properties (the test profile keeps them). */
    public static final String APP_ID = "demo-app-id";
    public static final String APP_SECRET = "demo-app-secret";
    public static final String SYSTEM_USER_TOKEN = "demo-system-user-token";
    public static final String PARTNER_ID = "demoPartner";
    public static final String PLATFORM_SECRET = "demo-platform-secret";
    public static final String GRAPH = "/graph/v23.0";

    private SandboxTestResources() {
    }
}

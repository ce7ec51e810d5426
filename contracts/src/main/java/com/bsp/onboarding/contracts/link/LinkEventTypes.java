package com.bsp.onboarding.contracts.link;

/** CloudEvents {@code type} values on {@link com.bsp.onboarding.contracts.Topics#IO_LINK_EVENTS}. */
public final class LinkEventTypes {

    public static final String LINK_ISSUED = "com.bsp.onboarding.io.link-issued.v1";
    public static final String ONBOARDING_COMPLETED = "com.bsp.onboarding.io.onboarding-completed.v1";

    /** CloudEvents {@code source} of everything link-service emits. */
    public static final String SOURCE = "urn:bsp-onboarding:link-service";

    private LinkEventTypes() {
    }
}

package com.bsp.onboarding.token.hosted;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the hosted Embedded Signup page. The app id and Graph version come from {@code token.graph}:
 * the page must start the same app whose codes this service exchanges.
 */
@ConfigMapping(prefix = "token.hosted")
public interface HostedSignupConfig {

    /** Where customers' browsers reach this service; session URLs are built on it. */
    @WithDefault("http://localhost:8083")
    String publicBaseUrl();

    /**
     * The Embedded Signup configuration (Meta app dashboard, Facebook Login for Business); public, not a secret. A
     * hub may have its own ({@code token.hubs.<hub>.embedded-signup.config-id}). For ES v4 it must be a
     * configuration created with products selected: that makes it v4 (Meta's "Versions" page).
     */
    String configId();

    /** The Facebook JS SDK, or the sandbox's stand-in for it. */
    @WithDefault("https://connect.facebook.net/en_US/sdk.js")
    String sdkUrl();

    /** How long a session link can be completed after it was created. */
    @WithDefault("PT30M")
    Duration sessionTtl();

    /**
     * Hosts whose {@code WA_EMBEDDED_SIGNUP} messages the page accepts: an origin's host equal to an entry or
     * ending in "." + entry. Meta posts from facebook.com hosts; the sandbox's stand-in from localhost.
     */
    @WithDefault("facebook.com")
    List<String> allowedMessageOrigins();

    /**
     * Also accept session redirects to http://localhost and http://127.0.0.1 (RFC 8252 §7.3) when the hub allows
     * those hosts: for the local stack only, never in production.
     */
    @WithDefault("false")
    boolean loopbackHttpRedirects();

    /** The most {@code WA_EMBEDDED_SIGNUP} messages one session records; a page that posts more is refused (429). */
    @WithDefault("50")
    int maxSessionEvents();
}

package com.bsp.onboarding.token.hosted;

import java.util.List;
import java.util.Set;

/**
 * How one hub's hosted page starts Embedded Signup ({@code token.hubs.<hub>.embedded-signup.*}) and where its
 * sessions may send customers back to.
 *
 * @param esVersion the {@code extras.version} of FB.login (v4)
 */
public record HubSignupSettings(String hubId, String configId, String esVersion, Set<SignupFlow> flows,
        List<String> allowedRedirectHosts) {
}

package com.bsp.onboarding.link.links;

import java.util.Map;

/**
 * The 360Dialog URL of a link and its query parameters on their own, in URL order (a Connect Button
 * frontend passes them as {@code queryParameters}).
 */
public record SignedLink(String url, Map<String, String> queryParameters, String ioState, long ioTimestamp) {
}

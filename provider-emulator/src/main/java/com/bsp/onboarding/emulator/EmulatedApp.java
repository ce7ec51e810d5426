package com.bsp.onboarding.emulator;

/**
 * A further Meta app of the partner (several apps, one per hub), beside the one of {@link ProviderSettings}: its
 * System User token subscribes WABAs to this app, and only it may share this app's credit line.
 */
public record EmulatedApp(String appId, String appSecret, String systemUserToken, String creditLineId) {
}

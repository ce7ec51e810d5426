package com.bsp.onboarding.link.progress;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How far a completed onboarding got after 360Dialog redirected back, channel by channel. */
@Schema(name = "OnboardingProgress",
        description = "How far the onboarding got after the redirect, from 360Dialog's channel webhooks and provisioning")
public record OnboardingProgress(
        @Schema(enumeration = {"awaiting_channels", "provisioning", "provisioned", "failed"},
                description = "awaiting_channels: no channel was granted on the redirect; provisioned: every granted "
                        + "channel is; failed: a channel's provisioning failed; provisioning: otherwise")
        String status,
        @Schema(description = "The granted (not revoked) channels, in the redirect's order")
        List<ChannelProgress> channels) {

    public static final String AWAITING_CHANNELS = "awaiting_channels";
    public static final String PROVISIONING = "provisioning";
    public static final String PROVISIONED = "provisioned";
    public static final String FAILED = "failed";

    static OnboardingProgress of(List<ChannelProgress> channels) {
        return new OnboardingProgress(statusOf(channels), channels);
    }

    // A failure is what the partner must act on, so it outranks everything else.
    private static String statusOf(List<ChannelProgress> channels) {
        if (channels.isEmpty()) {
            return AWAITING_CHANNELS;
        }
        if (channels.stream().anyMatch(c -> ProvisioningOutcome.FAILED.equals(c.provisioning()))) {
            return FAILED;
        }
        if (channels.stream().allMatch(c -> ProvisioningOutcome.PROVISIONED.equals(c.provisioning()))) {
            return PROVISIONED;
        }
        return PROVISIONING;
    }
}

package com.bsp.onboarding.link.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How far a completed onboarding got after 360Dialog redirected back, channel by channel. */
@Schema(name = "OnboardingProgress",
        description = "How far the onboarding got after the redirect, from 360Dialog's channel webhooks and provisioning")
public record OnboardingProgress(
        @Schema(enumeration = {"awaiting_channels", "provisioning", "provisioned", "failed", "refused"},
                description = "awaiting_channels: no channel was granted on the redirect; provisioned: every granted "
                        + "channel is confirmed and provisioned; refused: the claim on a channel was refused (it is not "
                        + "the link's client's); failed: a channel's provisioning failed; provisioning: otherwise")
        String status,
        @Schema(enumeration = {"none", "claimed", "confirmed", "refused"},
                description = "The redirect's claims as a whole: refused if any was refused, claimed while any awaits "
                        + "confirmation, confirmed when all are (none: the redirect claimed no channel)")
        String claims,
        @Schema(description = "The granted (not revoked) channels, in the redirect's order")
        List<ChannelProgress> channels,
        @Schema(description = "The channels the redirect withdrew: only a confirmed withdrawal is applied")
        List<Revocation> revocations) {

    /** A channel the redirect withdrew ({@code revoked=[...]}) and what became of that claim. */
    @Schema(name = "ChannelRevocation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Revocation(String id,
            @Schema(enumeration = {"claimed", "confirmed", "refused"}) String claim,
            @Schema(enumeration = {"channel_of_another_client", "client_not_of_link"}) String refusedBecause) {
    }

    public static final String AWAITING_CHANNELS = "awaiting_channels";
    public static final String PROVISIONING = "provisioning";
    public static final String PROVISIONED = "provisioned";
    public static final String FAILED = "failed";

    public static final String REFUSED = "refused";

    static OnboardingProgress of(List<ChannelProgress> channels, List<Revocation> revocations) {
        List<String> claims = new java.util.ArrayList<>();
        channels.forEach(c -> claims.add(c.claim()));
        revocations.forEach(r -> claims.add(r.claim()));
        return new OnboardingProgress(statusOf(channels), claimsOf(claims), channels, revocations);
    }

    private static String claimsOf(List<String> claims) {
        if (claims.isEmpty()) {
            return "none";
        }
        if (claims.contains(ClaimDecision.REFUSED)) {
            return ClaimDecision.REFUSED;
        }
        return claims.contains(ClaimDecision.CLAIMED) ? ClaimDecision.CLAIMED : ClaimDecision.CONFIRMED;
    }

    // A refused claim and a failure are what the partner must act on, so they outrank everything else.
    private static String statusOf(List<ChannelProgress> channels) {
        if (channels.isEmpty()) {
            return AWAITING_CHANNELS;
        }
        if (channels.stream().anyMatch(c -> ClaimDecision.REFUSED.equals(c.claim()))) {
            return REFUSED;
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

package com.bsp.onboarding.link.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One channel the redirect granted: whether 360Dialog's facts confirmed the claim, and once confirmed, what 360Dialog
 * last said about it and whether it was provisioned. An unconfirmed or refused channel shows nothing else: it may
 * belong to someone else.
 */
@Schema(name = "ChannelProgress")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelProgress(
        @Schema(description = "The 360Dialog channel id") String id,
        @Schema(description = "The latest status 360Dialog reported for the channel (its webhooks' data.status), e.g. running")
        String hubStatus,
        @Schema(description = "360Dialog's latest webhook event about the channel, e.g. channel_running")
        String hubEvent,
        @Schema(description = "When that webhook was received") Instant hubEventAt,
        @Schema(enumeration = {"pending", "provisioned", "failed"},
                description = "pending until the channel has its API key and webhook, or that failed")
        String provisioning,
        @Schema(description = "Only when provisioned") Instant provisionedAt,
        @Schema(description = "Only when failed") ChannelProvisioningError error,
        @Schema(enumeration = {"claimed", "confirmed", "refused"},
                description = "The redirect is unsigned, so its channels are the customer's claim: claimed until "
                        + "360Dialog's signed webhooks and Partner API confirm the channel is the link's client's, "
                        + "refused when they show it is not. Only a confirmed channel is provisioned")
        String claim,
        @Schema(enumeration = {"channel_of_another_client", "client_not_of_link"}, description = "Only when refused")
        String refusedBecause) {

    /** No provisioning outcome yet (the only state a channel without a row can be in). */
    static final String PENDING = "pending";

    /** Nothing to show yet, or nothing to show at all: a claim not confirmed. */
    static ChannelProgress pending(String id, String claim, String refusedBecause) {
        return new ChannelProgress(id, null, null, null, PENDING, null, null, claim, refusedBecause);
    }

    /** A confirmed channel's progress. */
    static ChannelProgress of(ChannelState state) {
        boolean provisioned = ProvisioningOutcome.PROVISIONED.equals(state.provisioning());
        boolean failed = ProvisioningOutcome.FAILED.equals(state.provisioning());
        return new ChannelProgress(state.channelId(), state.hubStatus(), state.hubEvent(), state.hubEventAt(),
                state.provisioning(), provisioned ? state.provisionedAt() : null,
                failed ? new ChannelProvisioningError(state.failureStep(), state.failureHttpStatus(), state.failureCode(),
                        state.failureMessage()) : null, ClaimDecision.CONFIRMED, null);
    }
}

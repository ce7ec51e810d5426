package com.bsp.onboarding.link.links;

import com.bsp.onboarding.link.progress.OnboardingProgress;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A link as partners see it. {@code query_parameters} only comes with the 201 of its creation. */
@Schema(name = "Link")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkResponse(
        UUID id,
        @Schema(enumeration = {"signup", "permission"}) String kind,
        @Schema(enumeration = {"issued", "completed", "expired"}) String status,
        @Schema(description = "Open this URL (or a 600x900 popup) to start the flow at 360Dialog") String url,
        @Schema(description = "The state 360Dialog hands back on the redirect; the link accepts it once") String state,
        @Schema(description = "The URL's query parameters on their own, for the Connect Button's queryParameters")
        Map<String, String> queryParameters,
        Instant createdAt,
        Instant expiresAt,
        Instant completedAt,
        @Schema(description = "For a completed link, the client the redirect named (the customer's claim, see onboarding.claims)")
        String clientId,
        @Schema(description = "The channels the redirect claimed were granted (see onboarding.channels[].claim)")
        List<String> channels,
        @Schema(description = "The channels the redirect claimed were withdrawn (see onboarding.revocations)")
        List<String> revokedChannels,
        @Schema(description = "Only for completed links: whether each channel the redirect claimed was confirmed, and how far "
                + "each confirmed one got after the redirect")
        OnboardingProgress onboarding,
        @Schema(description = "Popup mode only: the origin the callback's result page posts the outcome to")
        String popupOrigin) {

    static LinkResponse created(Link link, SignedLink signed, Instant now) {
        return new LinkResponse(link.id(), link.kind().wireName(), link.effectiveStatus(now), link.url(), link.ioState(),
                signed.queryParameters(), link.createdAt(), link.expiresAt(), null, null, null, null, null,
                link.request().popupOrigin());
    }

    /** {@code onboarding} is null unless the link is completed. */
    static LinkResponse of(Link link, Instant now, OnboardingProgress onboarding) {
        boolean completed = link.isCompleted();
        return new LinkResponse(link.id(), link.kind().wireName(), link.effectiveStatus(now), link.url(), link.ioState(),
                null, link.createdAt(), link.expiresAt(), link.completedAt(),
                completed ? link.clientId() : link.request().clientId(),
                completed ? link.channelList() : null,
                completed ? link.revokedChannelList() : null,
                completed ? onboarding : null,
                link.request().popupOrigin());
    }
}

package com.bsp.onboarding.link.links;

import com.bsp.onboarding.contracts.link.LinkKind;
import com.bsp.onboarding.link.hub.Hub;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One Integrated Onboarding link: the request it was issued for, its signed URL and, once 360Dialog
 * redirected back, its {@link Completion}. Stored by {@link LinkStore}.
 */
public record Link(
        UUID id,
        String hubId,
        String partnerId,
        ValidLinkRequest request,
        String ioState,
        long ioTimestamp,
        String url,
        Instant createdAt,
        Instant expiresAt,
        Completion completion) {

    public static final String ISSUED = "issued";
    public static final String COMPLETED = "completed";
    /** Not stored: an issued link past its expiry. */
    public static final String EXPIRED = "expired";

    /** What 360Dialog's redirect back said: the client and the channels it granted and revoked. */
    public record Completion(String clientId, List<String> channels, List<String> revokedChannels, Instant completedAt) {

        public Completion {
            channels = List.copyOf(channels);
            revokedChannels = List.copyOf(revokedChannels);
        }
    }

    static Link issue(UUID id, Hub hub, ValidLinkRequest request, SignedLink signed, Instant now, Instant expiresAt) {
        return new Link(id, hub.id(), hub.partnerId(), request, signed.ioState(), signed.ioTimestamp(),
                signed.url(), now, expiresAt, null);
    }

    public LinkKind kind() {
        return request.kind();
    }

    /** The stored status: {@value #ISSUED} until the redirect back completes it. */
    public String status() {
        return completion == null ? ISSUED : COMPLETED;
    }

    public boolean isCompleted() {
        return completion != null;
    }

    /** The status a caller sees: an issued link past its expiry reads as expired. */
    public String effectiveStatus(Instant now) {
        return !isCompleted() && !now.isBefore(expiresAt) ? EXPIRED : status();
    }

    public boolean isExpired(Instant now) {
        return EXPIRED.equals(effectiveStatus(now));
    }

    /** This link completed by 360Dialog's redirect back. */
    public Link complete(String client, List<String> granted, List<String> revoked, Instant now) {
        return new Link(id, hubId, partnerId, request, ioState, ioTimestamp, url, createdAt, expiresAt,
                new Completion(client, granted, revoked, now));
    }

    /** The client 360Dialog returned, or null before the redirect. */
    public String clientId() {
        return completion == null ? null : completion.clientId();
    }

    public Instant completedAt() {
        return completion == null ? null : completion.completedAt();
    }

    public List<String> channelList() {
        return completion == null ? List.of() : completion.channels();
    }

    public List<String> revokedChannelList() {
        return completion == null ? List.of() : completion.revokedChannels();
    }

    /** The channels the partner may manage: granted and not also revoked. */
    public List<String> grantedChannels() {
        List<String> revoked = revokedChannelList();
        return channelList().stream().filter(channel -> !revoked.contains(channel)).distinct().toList();
    }

    /**
     * Kafka key of this link's events: the client once it is known, so one client's events stay in
     * order; a signup link has no client before the redirect, so its issue event is keyed by link id.
     */
    public String eventKey() {
        if (clientId() != null) {
            return clientId();
        }
        return request.clientId() != null ? request.clientId() : id.toString();
    }
}

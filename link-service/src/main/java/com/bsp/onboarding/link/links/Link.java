package com.bsp.onboarding.link.links;

import com.bsp.onboarding.contracts.link.LinkKind;
import com.bsp.onboarding.link.hub.Hub;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One Integrated Onboarding link and, once 360Dialog redirected back, its outcome. */
@Entity
@Table(name = "links")
public class Link extends PanacheEntityBase {

    public static final String ISSUED = "issued";
    public static final String COMPLETED = "completed";
    /** Not stored: an issued link past its expiry. */
    public static final String EXPIRED = "expired";

    @Id
    public UUID id;
    @Column(name = "hub_id")
    public String hubId;
    @Column(name = "partner_id")
    public String partnerId;
    public String kind;
    public String status;
    @Column(name = "io_state")
    public String ioState;
    @Column(name = "io_timestamp")
    public long ioTimestamp;
    public String url;
    public String email;
    public String name;
    public String number;
    @Column(name = "caller_state")
    public String callerState;
    @Column(name = "redirect_target")
    public String redirectTarget;
    @Column(name = "partner_payload")
    public String partnerPayload;
    @Column(name = "next_step")
    public String nextStep;
    public String lang;
    @Column(name = "plan_selection")
    public String planSelection;
    @Column(name = "connect_client_user")
    public boolean connectClientUser;
    @Column(name = "requested_client_id")
    public String requestedClientId;
    @Column(name = "client_id")
    public String clientId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] channels;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "revoked_channels")
    public String[] revokedChannels;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "completed_at")
    public Instant completedAt;

    static Link issue(Hub hub, ValidLinkRequest request, SignedLink signed, Instant now, Instant expiresAt) {
        Link link = new Link();
        link.id = UUID.randomUUID();
        link.hubId = hub.id();
        link.partnerId = hub.partnerId();
        link.kind = request.kind().wireName();
        link.status = ISSUED;
        link.ioState = signed.ioState();
        link.ioTimestamp = signed.ioTimestamp();
        link.url = signed.url();
        link.email = request.email();
        link.name = request.name();
        link.number = request.number();
        link.callerState = request.callerState();
        link.redirectTarget = request.redirectTarget() == null ? null : request.redirectTarget().toString();
        link.partnerPayload = request.partnerPayload();
        link.nextStep = request.next();
        link.lang = request.lang();
        link.planSelection = request.planSelection();
        link.connectClientUser = request.connectClientUser();
        link.requestedClientId = request.clientId();
        link.createdAt = now;
        link.expiresAt = expiresAt;
        return link;
    }

    public LinkKind kind() {
        return LinkKind.valueOf(kind.toUpperCase(Locale.ROOT));
    }

    /** The status a caller sees: an issued link past its expiry reads as expired. */
    public String effectiveStatus(Instant now) {
        return ISSUED.equals(status) && !now.isBefore(expiresAt) ? EXPIRED : status;
    }

    public boolean isExpired(Instant now) {
        return EXPIRED.equals(effectiveStatus(now));
    }

    public void complete(String client, List<String> granted, List<String> revoked, Instant now) {
        status = COMPLETED;
        clientId = client;
        channels = granted.toArray(String[]::new);
        revokedChannels = revoked.toArray(String[]::new);
        completedAt = now;
    }

    public List<String> channelList() {
        return channels == null ? List.of() : List.of(channels);
    }

    public List<String> revokedChannelList() {
        return revokedChannels == null ? List.of() : List.of(revokedChannels);
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
        if (clientId != null) {
            return clientId;
        }
        return requestedClientId != null ? requestedClientId : id.toString();
    }
}

package com.bsp.onboarding.link.progress;

import com.bsp.onboarding.eventing.inbox.Envelope;
import com.bsp.onboarding.eventing.inbox.MalformedEventException;
import com.bsp.onboarding.contracts.provisioning.ChannelClaimDecided;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioned;
import com.bsp.onboarding.contracts.provisioning.ChannelProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the channel outcomes and claim decisions of {@code provisioning.events.v1}; the WABA events on the same topic
 * are skipped.
 */
@ApplicationScoped
class ProvisioningEventParser {

    /** Enough for partners to see what went wrong; the full answer stays with waba-provisioner. */
    private static final int MAX_MESSAGE_LENGTH = 500;

    Optional<ProgressEvent> parse(Envelope envelope) throws MalformedEventException {
        if (ProvisioningEventTypes.CHANNEL_PROVISIONED.equals(envelope.type())) {
            return Optional.of(provisioned(envelope));
        }
        if (ProvisioningEventTypes.CHANNEL_PROVISIONING_FAILED.equals(envelope.type())) {
            return Optional.of(failed(envelope));
        }
        if (ProvisioningEventTypes.CHANNEL_CLAIM_DECIDED.equals(envelope.type())) {
            return Optional.of(claimDecided(envelope));
        }
        return Optional.empty();
    }

    private static ProvisioningOutcome provisioned(Envelope envelope) throws MalformedEventException {
        // The channel's API key is none of link-service's business, sealed or not: drop it unread.
        if (envelope.data() instanceof ObjectNode data) {
            data.remove("api_key");
        }
        ChannelProvisioned data = envelope.dataAs(ChannelProvisioned.class);
        requireIds(data.partnerId(), data.channelId(), envelope.type());
        return new ProvisioningOutcome(envelope.id(), data.partnerId(), data.channelId(), data.clientId(),
                ProvisioningOutcome.PROVISIONED, orElse(data.provisionedAt(), envelope.time()), null);
    }

    private static ProvisioningOutcome failed(Envelope envelope) throws MalformedEventException {
        ChannelProvisioningFailed data = envelope.dataAs(ChannelProvisioningFailed.class);
        requireIds(data.partnerId(), data.channelId(), envelope.type());
        ProvisioningError error = data.error();
        ProvisioningOutcome.Failure failure = new ProvisioningOutcome.Failure(data.step(),
                error == null ? null : error.httpStatus(),
                error == null ? null : error.code(),
                error == null ? null : truncate(error.message()));
        return new ProvisioningOutcome(envelope.id(), data.partnerId(), data.channelId(), data.clientId(),
                ProvisioningOutcome.FAILED, orElse(data.failedAt(), envelope.time()), failure);
    }

    private static ClaimDecision claimDecided(Envelope envelope) throws MalformedEventException {
        ChannelClaimDecided data = envelope.dataAs(ChannelClaimDecided.class);
        requireIds(data.partnerId(), data.channelId(), envelope.type());
        UUID linkId;
        try {
            linkId = UUID.fromString(String.valueOf(data.linkId()));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(envelope.type() + " names no link");
        }
        if (!ChannelClaimDecided.GRANT.equals(data.claim()) && !ChannelClaimDecided.REVOKE.equals(data.claim())
                || !ChannelClaimDecided.CONFIRMED.equals(data.outcome()) && !ChannelClaimDecided.REFUSED.equals(data.outcome())) {
            throw new MalformedEventException(envelope.type() + " has an unknown claim or outcome");
        }
        return new ClaimDecision(envelope.id(), data.partnerId(), data.channelId(), data.clientId(), linkId, data.claim(),
                data.outcome(), truncate(data.reason()), orElse(data.decidedAt(), envelope.time()));
    }

    private static void requireIds(String partnerId, String channelId, String type) throws MalformedEventException {
        if (partnerId == null || partnerId.isBlank() || channelId == null || channelId.isBlank()) {
            throw new MalformedEventException(type + " names no partner or channel");
        }
    }

    private static Instant orElse(Instant time, Instant fallback) {
        return time != null ? time : fallback;
    }

    private static String truncate(String message) {
        return message == null || message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH);
    }
}

package com.bsp.onboarding.link.progress;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Joins a completed link with its channels' progress at read time: progress is stored by channel
 * because its events may come before the redirect that tells which link the channel belongs to. A channel's progress
 * is shown on a link only once waba-provisioner confirmed the link's claim on it: the redirect is unsigned, and an
 * unconfirmed channel may be another customer's.
 */
@ApplicationScoped
public class OnboardingProgressReader {

    private final ChannelProgressStore store;

    public OnboardingProgressReader(ChannelProgressStore store) {
        this.store = store;
    }

    /** The progress of link {@code linkId}'s claims, of the hub with 360Dialog partner id {@code partnerId}. */
    public Uni<OnboardingProgress> read(UUID linkId, String partnerId, List<String> grantedChannels, List<String> revokedChannels) {
        if (grantedChannels.isEmpty() && revokedChannels.isEmpty()) {
            return Uni.createFrom().item(OnboardingProgress.of(List.of(), List.of()));
        }
        return store.claims(linkId).flatMap(claims -> {
            List<OnboardingProgress.Revocation> revocations = revokedChannels.stream().map(id -> {
                ClaimDecision decision = claims.get(ChannelProgressStore.claimKey(id, "revoke"));
                return new OnboardingProgress.Revocation(id, outcome(decision), reason(decision));
            }).toList();
            List<String> confirmed = grantedChannels.stream()
                    .filter(id -> ClaimDecision.CONFIRMED.equals(outcome(claims.get(ChannelProgressStore.claimKey(id, "grant")))))
                    .toList();
            Uni<List<ChannelState>> states = confirmed.isEmpty() ? Uni.createFrom().item(List.of()) : store.find(partnerId, confirmed);
            return states.map(found -> {
                Map<String, ChannelState> byId = found.stream().collect(Collectors.toMap(ChannelState::channelId, Function.identity()));
                return OnboardingProgress.of(grantedChannels.stream().map(id -> {
                    ClaimDecision decision = claims.get(ChannelProgressStore.claimKey(id, "grant"));
                    if (!ClaimDecision.CONFIRMED.equals(outcome(decision))) {
                        return ChannelProgress.pending(id, outcome(decision), reason(decision));
                    }
                    return byId.containsKey(id) ? ChannelProgress.of(byId.get(id)) : ChannelProgress.pending(id, ClaimDecision.CONFIRMED, null);
                }).toList(), revocations);
            });
        });
    }

    private static String outcome(ClaimDecision decision) {
        return decision == null ? ClaimDecision.CLAIMED : decision.outcome();
    }

    private static String reason(ClaimDecision decision) {
        return decision == null ? null : decision.reason();
    }
}

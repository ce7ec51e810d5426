package com.bsp.onboarding.link.progress;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Joins a completed link with its channels' progress at read time: progress is stored by channel
 * because its events may come before the redirect that tells which link the channel belongs to.
 */
@ApplicationScoped
public class OnboardingProgressReader {

    private final ChannelProgressStore store;

    public OnboardingProgressReader(ChannelProgressStore store) {
        this.store = store;
    }

    /** The progress of {@code grantedChannels} of the hub with 360Dialog partner id {@code partnerId}. */
    public Uni<OnboardingProgress> read(String partnerId, List<String> grantedChannels) {
        if (grantedChannels.isEmpty()) {
            return Uni.createFrom().item(OnboardingProgress.of(List.of()));
        }
        return store.find(partnerId, grantedChannels).map(states -> {
            Map<String, ChannelState> byId = states.stream()
                    .collect(Collectors.toMap(ChannelState::channelId, Function.identity()));
            return OnboardingProgress.of(grantedChannels.stream()
                    .map(id -> byId.containsKey(id) ? ChannelProgress.of(byId.get(id)) : ChannelProgress.pending(id))
                    .toList());
        });
    }
}

package com.bsp.onboarding.emulator;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A request the core has accepted (and counted): the transport waits {@link #latency()}, without blocking
 * an event loop, then calls {@link #complete()}. The call takes effect only then, like at a provider still
 * working on it: a client killed during the latency leaves a call whose outcome it cannot know, which is
 * what the crash tests need.
 */
public final class PendingResponse {

    private final Duration latency;
    private final Supplier<ProviderResponse> completion;

    PendingResponse(Duration latency, Supplier<ProviderResponse> completion) {
        this.latency = latency;
        this.completion = completion;
    }

    public Duration latency() {
        return latency;
    }

    /** Applies the call to the state (or an injected fault) and gives the answer; call it once. */
    public ProviderResponse complete() {
        return completion.get();
    }
}

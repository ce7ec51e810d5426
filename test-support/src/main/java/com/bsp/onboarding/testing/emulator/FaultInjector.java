package com.bsp.onboarding.testing.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Injected faults and latency, global or per operation. */
final class FaultInjector {

    private record Fault(FaultSpec spec, AtomicLong remaining) {
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile Duration latency = Duration.ZERO;
    private final Map<String, Duration> latencyByOperation = new ConcurrentHashMap<>();

    void add(FaultSpec spec) {
        faults.add(new Fault(spec, new AtomicLong(spec.times())));
    }

    void clearFaults() {
        faults.clear();
    }

    /** A global latency, or one operation's (which then wins over the global one). */
    void latency(String operation, Duration delay) {
        if (operation == null) {
            latency = delay;
        } else {
            latencyByOperation.put(operation, delay);
        }
    }

    Duration latencyOf(String operation) {
        return latencyByOperation.getOrDefault(operation, latency);
    }

    void reset() {
        faults.clear();
        latency = Duration.ZERO;
        latencyByOperation.clear();
    }

    /** The fault this call gets, if any; a fault limited to n calls is used up by them. */
    FaultSpec next(String operation, String target) {
        for (Fault fault : faults) {
            FaultSpec spec = fault.spec();
            if (!spec.matches(operation, target)) {
                continue;
            }
            if (spec.rate() < 1.0 && ThreadLocalRandom.current().nextDouble() >= spec.rate()) {
                continue;
            }
            long left = fault.remaining().get();
            if (left == 0) {
                continue;
            }
            if (left < 0 || fault.remaining().compareAndSet(left, left - 1)) {
                return spec;
            }
        }
        return null;
    }
}

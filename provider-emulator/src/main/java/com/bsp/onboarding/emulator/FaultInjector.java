package com.bsp.onboarding.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Injected faults and latency: global, per operation, or for the next calls on one target. */
final class FaultInjector {

    private record Fault(FaultSpec spec, AtomicLong remaining) {
    }

    /** The next {@code remaining} calls of {@code operation} on {@code target} (null = any) take {@code delay}. */
    private record SlowCalls(String operation, String target, Duration delay, AtomicLong remaining) {
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<SlowCalls> slowCalls = new CopyOnWriteArrayList<>();
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

    /** The next {@code times} calls of {@code operation} ("*" = any) on {@code target} (null = any) take {@code delay}. */
    void slowNext(String operation, String target, long times, Duration delay) {
        slowCalls.add(new SlowCalls(operation == null ? "*" : operation, target, delay, new AtomicLong(times)));
    }

    /** The latency of one call: a pending slow call of its own first, then its operation's, then the global one. */
    Duration latencyOf(String operation, String target) {
        for (SlowCalls slow : slowCalls) {
            boolean matches = (slow.operation().equals("*") || slow.operation().equals(operation))
                    && (slow.target() == null || slow.target().equals(target));
            if (matches && takeOne(slow.remaining())) {
                return slow.delay();
            }
        }
        return latencyByOperation.getOrDefault(operation, latency);
    }

    void reset() {
        faults.clear();
        slowCalls.clear();
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
            if (takeOne(fault.remaining())) {
                return spec;
            }
        }
        return null;
    }

    /** Uses up one of a limited number of calls (negative = unlimited); false when none is left. */
    private static boolean takeOne(AtomicLong remaining) {
        while (true) {
            long left = remaining.get();
            if (left == 0) {
                return false;
            }
            if (left < 0 || remaining.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }
}

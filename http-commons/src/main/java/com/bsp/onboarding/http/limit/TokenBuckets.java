package com.bsp.onboarding.http.limit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by client, in memory. {@link #take} never blocks: it answers at once whether a request may
 * pass, or how many seconds until it may.
 */
final class TokenBuckets {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSecond;
    private final int burst;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    TokenBuckets(double perSecond, int burst, int maxClients, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalStateException("rate-limit: requests-per-second must be > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    /** @return 0 when the request may pass, else the whole seconds (>= 1) until the client's next token */
    long take(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() >= maxClients) {
            sweep(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perSecond / NANOS_PER_SECOND);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    int clients() {
        return buckets.size();
    }

    /** Drops buckets that have refilled completely (their clients are idle): at most once a second. */
    private void sweep(long now) {
        if (now - lastSweep < NANOS_PER_SECOND) {
            return;
        }
        lastSweep = now;
        long refill = (long) (burst / perSecond * NANOS_PER_SECOND);
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().updated >= refill) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        private Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}

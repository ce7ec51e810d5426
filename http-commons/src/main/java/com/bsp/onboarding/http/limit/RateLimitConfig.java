package com.bsp.onboarding.http.limit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Per-client rate limits of a service's public port (RATE_LIMIT_...). A client is the request's remote address,
 * which is the forwarded one when {@code quarkus.http.proxy.proxy-address-forwarding} is on (behind the
 * ingress). Buckets live in each replica's memory: N replicas admit up to N times the rate.
 */
@ConfigMapping(prefix = "rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** The limit of every path no group names. */
    Limit defaults();

    /** Paths with limits of their own (and buckets of their own), by a name of our choosing. */
    Map<String, Group> groups();

    /** Clients tracked at most; beyond, idle buckets are dropped (a dropped client starts with a full bucket). */
    @WithDefault("100000")
    int maxClients();

    interface Limit {
        /** Tokens refilled per second. */
        @WithDefault("20")
        double requestsPerSecond();

        /** Tokens a bucket holds: the burst a client may send at once. */
        @WithDefault("40")
        int burst();
    }

    interface Group {
        /** Requests whose path starts with this belong to the group. */
        String pathPrefix();

        @WithDefault("20")
        double requestsPerSecond();

        @WithDefault("40")
        int burst();
    }
}

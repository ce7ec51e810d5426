package com.bsp.onboarding.http.limit;

import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.RoutingProblems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;

/**
 * Answers 429 (problem+json, Retry-After) to a client over its limit on the public port, before anything
 * else reads the request (its body included). Health and metrics are on the management interface and not
 * limited. Counted in {@code http_requests_rate_limited_total{group}}; no path or address is logged or tagged.
 */
@ApplicationScoped
public class RateLimiter {

    private static final String DEFAULT_GROUP = "default";
    /** Before the routes of REST endpoints and of Quarkus' own handlers. */
    private static final int ORDER = -1_000_000;

    private final RateLimitConfig config;
    private final MeterRegistry meters;
    private final List<Group> groups;
    private final TokenBuckets defaults;

    private record Group(String name, String pathPrefix, TokenBuckets buckets) {
    }

    public RateLimiter(RateLimitConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        this.defaults = buckets(config.defaults().requestsPerSecond(), config.defaults().burst());
        // Longest prefix first: the most specific group wins.
        this.groups = config.groups().entrySet().stream()
                .map(g -> new Group(g.getKey(), g.getValue().pathPrefix(),
                        buckets(g.getValue().requestsPerSecond(), g.getValue().burst())))
                .sorted(Comparator.comparingInt((Group g) -> g.pathPrefix().length()).reversed())
                .toList();
    }

    void install(@Observes Router router) {
        if (config.enabled()) {
            router.route().order(ORDER).handler(this::limit);
        }
    }

    private TokenBuckets buckets(double requestsPerSecond, int burst) {
        return new TokenBuckets(requestsPerSecond, burst, config.maxClients(), System::nanoTime);
    }

    private void limit(RoutingContext context) {
        String path = context.normalizedPath();
        String group = DEFAULT_GROUP;
        TokenBuckets buckets = defaults;
        for (Group candidate : groups) {
            if (path.startsWith(candidate.pathPrefix())) {
                group = candidate.name();
                buckets = candidate.buckets();
                break;
            }
        }
        SocketAddress remote = context.request().remoteAddress();
        String client = remote == null ? "unknown" : remote.hostAddress();
        long retryAfter = buckets.take(client);
        if (retryAfter == 0) {
            context.next();
            return;
        }
        Counter.builder("http_requests_rate_limited_total").description("Requests answered 429: over their client's rate limit")
                .tag("group", group).register(meters).increment();
        Problem problem = Problem.of("rate-limited", "Too many requests", 429,
                "This client sent more requests than its limit; retry after the seconds in Retry-After.").withRetryAfter(retryAfter);
        RoutingProblems.end(context, problem);
    }
}

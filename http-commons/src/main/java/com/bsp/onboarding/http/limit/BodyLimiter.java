package com.bsp.onboarding.http.limit;

import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.RoutingProblems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;

/**
 * Refuses a body larger than its endpoint's limit ({@link BodyLimitConfig}) from its Content-Length, before the body
 * is read: 413 problem+json, the connection closed, counted in {@code http_requests_too_large_total{endpoint}}. A
 * body without a Content-Length (chunked) is cut by the service-wide {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class BodyLimiter {

    /** After the rate limiter, before the routes of REST endpoints. */
    private static final int ORDER = -950_000;

    private final MeterRegistry meters;
    private final List<Endpoint> endpoints;

    private record Endpoint(String name, String pathPrefix, long maxBytes) {
    }

    public BodyLimiter(BodyLimitConfig config, MeterRegistry meters) {
        this.meters = meters;
        this.endpoints = config.paths().entrySet().stream()
                .map(e -> new Endpoint(e.getKey(), e.getValue().pathPrefix(), e.getValue().maxSize().asLongValue()))
                .sorted(Comparator.comparingInt((Endpoint e) -> e.pathPrefix().length()).reversed())
                .toList();
    }

    void install(@Observes Router router) {
        if (!endpoints.isEmpty()) {
            router.route().order(ORDER).handler(this::check);
        }
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            context.next();
            return;
        }
        String path = context.normalizedPath();
        for (Endpoint endpoint : endpoints) {
            if (path.startsWith(endpoint.pathPrefix())) {
                if (exceeds(length, endpoint.maxBytes())) {
                    Counter.builder("http_requests_too_large_total").description("Requests refused 413: a body over its endpoint's limit")
                            .tag("endpoint", endpoint.name()).register(meters).increment();
                    RoutingProblems.end(context, Problem.of("payload-too-large", "Payload too large", 413,
                            "The body is over " + endpoint.maxBytes() + " bytes, this endpoint's limit; it was not read."));
                    return;
                }
                break;
            }
        }
        context.next();
    }

    /** Whether a Content-Length header announces more than {@code max} bytes (a malformed one Vert.x refuses itself). */
    public static boolean exceeds(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself.
        }
    }
}

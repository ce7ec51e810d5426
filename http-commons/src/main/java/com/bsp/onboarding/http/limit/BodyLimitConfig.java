package com.bsp.onboarding.http.limit;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * Body limits per endpoint (BODY_LIMIT_...), below the service's {@code quarkus.http.limits.max-body-size}, which
 * stays the limit of every other path and of bodies sent without a Content-Length.
 */
@ConfigMapping(prefix = "body-limit")
public interface BodyLimitConfig {

    /** Paths with a smaller limit, by a name of our choosing. */
    Map<String, PathLimit> paths();

    interface PathLimit {

        /** Requests whose path starts with this have this limit; the longest matching prefix wins. */
        String pathPrefix();

        /** The largest body accepted, e.g. {@code 4K}. */
        MemorySize maxSize();
    }
}

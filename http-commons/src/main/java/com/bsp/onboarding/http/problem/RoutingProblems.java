package com.bsp.onboarding.http.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A problem answered by a Vert.x route handler that runs before the REST layer (rate limits, webhook
 * preflight): the same document as {@link Problem#toResponse()}. The connection is closed after it, so a
 * request body on its way is never read.
 */
public final class RoutingProblems {

    /** Problem names its members itself: no service naming strategy is needed. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingProblems() {
    }

    public static void end(RoutingContext context, Problem problem) {
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        var response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close");
        if (problem.retryAfter() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfter()));
        }
        response.end(body);
    }
}

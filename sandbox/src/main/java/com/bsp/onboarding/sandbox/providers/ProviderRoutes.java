package com.bsp.onboarding.sandbox.providers;

import com.bsp.onboarding.emulator.PendingResponse;
import com.bsp.onboarding.emulator.ProviderCore;
import com.bsp.onboarding.emulator.ProviderRequest;
import com.bsp.onboarding.emulator.ProviderResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mounts the provider core on Vert.x: Graph under {@code /graph}, 360Dialog's Partner API under
 * {@code /360dialog/partner} and its messaging API under {@code /360dialog/messaging}. Each prefix is
 * stripped, so services use e.g. {@code http://localhost:8090/graph} as their Graph base URL.
 *
 * <p>Everything runs on the event loop: the core never blocks, and latency is a Vert.x timer.
 */
@ApplicationScoped
public class ProviderRoutes {

    /** A provider API under a prefix; {@code paths} keeps each prefix to its own API's paths. */
    record Mount(String prefix, Pattern paths) {
    }

    static final List<Mount> MOUNTS = List.of(
            new Mount("/graph", Pattern.compile("^/(v\\d+\\.\\d+/|oauth/|debug_token).*")),
            new Mount("/360dialog/partner", Pattern.compile("^/api/v2/.*")),
            new Mount("/360dialog/messaging", Pattern.compile("^/v1/configs/.*")));
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ProviderCore core;
    private final Vertx vertx;
    // The providers' formats are theirs: none of this application's Jackson settings may touch them.
    private final ObjectMapper json = new ObjectMapper();

    public ProviderRoutes(ProviderCore core, Vertx vertx) {
        this.core = core;
        this.vertx = vertx;
    }

    void mount(@Observes Router router) {
        for (Mount mount : MOUNTS) {
            router.route(mount.prefix() + "/*")
                    .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                    .handler(context -> serve(context, mount));
        }
    }

    private void serve(RoutingContext context, Mount mount) {
        String path = context.request().path().substring(mount.prefix().length());
        if (!mount.paths().matcher(path).matches()) {
            send(context, ProviderResponse.json(404, json.createObjectNode().put("detail", "not a path of " + mount.prefix())));
            return;
        }
        Buffer body = context.body().buffer();
        ProviderRequest request = new ProviderRequest(context.request().method().name(), path, context.request().query(),
                headers(context), body == null ? new byte[0] : body.getBytes());
        PendingResponse pending = core.handle(request);
        long delay = pending.latency().toMillis();
        if (delay <= 0) {
            send(context, pending.complete());
        } else {
            vertx.setTimer(delay, timer -> send(context, pending.complete()));
        }
    }

    private static Map<String, String> headers(RoutingContext context) {
        Map<String, String> headers = new HashMap<>();
        context.request().headers().forEach(header -> headers.putIfAbsent(header.getKey(), header.getValue()));
        return headers;
    }

    /** The call has taken effect by now; a client that gave up meanwhile simply gets no answer. */
    private void send(RoutingContext context, ProviderResponse response) {
        if (context.response().closed() || context.response().ended()) {
            return;
        }
        if (response.drop()) {
            context.request().connection().close();
            return;
        }
        context.response().setStatusCode(response.status());
        if (response.body() == null) {
            context.response().end();
            return;
        }
        try {
            context.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(json.writeValueAsBytes(response.body())));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}

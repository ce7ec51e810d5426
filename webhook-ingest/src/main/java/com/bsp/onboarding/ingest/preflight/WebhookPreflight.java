package com.bsp.onboarding.ingest.preflight;

import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.http.limit.BodyLimiter;
import com.bsp.onboarding.ingest.IngestConfig;
import com.bsp.onboarding.ingest.raw.WebhookIntake;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.RoutingProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What can be told about a webhook POST before its body is read, answered before it is: a Content-Length over
 * {@code quarkus.http.limits.max-body-size} (413), or no signature / auth header at all (401). The answer closes
 * the connection, so a body already on its way is not read. Bodies without Content-Length (chunked) are still
 * cut at the limit by Quarkus (413) as they stream in. Whether a signature is right needs the body: the
 * endpoints check that.
 */
@ApplicationScoped
public class WebhookPreflight {

    private static final String META_SIGNATURE = "X-Hub-Signature-256";
    private static final String DIALOG360_SIGNATURE = "x-360dialog-signature";
    /** After the rate limiter (http-commons), before the routes of the REST endpoints. */
    private static final int ORDER = -900_000;

    private final long maxBodyBytes;
    private final IngestConfig config;
    private final WebhookIntake intake;

    public WebhookPreflight(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            IngestConfig config, WebhookIntake intake) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.config = config;
        this.intake = intake;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/webhooks/*").order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String[] path = context.normalizedPath().split("/");
        // ["", "webhooks", "meta"|"360dialog", ...]
        String source = source(path);
        Optional<String> requiredHeader = requiredHeader(path);
        if (source == null) {
            context.next();
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && BodyLimiter.exceeds(length, maxBodyBytes)) {
            intake.received(source);
            intake.rejected(source, "too_large", null);
            refuse(context, Problem.of("payload-too-large", "Payload too large", 413,
                    "The body is over " + maxBodyBytes + " bytes; it was not read."));
            return;
        }
        if (requiredHeader.isPresent() && isBlank(context.request().getHeader(requiredHeader.get()))) {
            intake.received(source);
            intake.rejected(source, "unsigned", null);
            refuse(context, Problem.of("unauthorized", "Unauthorized", 401,
                    requiredHeader.get() + " is missing; the body was not read."));
            return;
        }
        context.next();
    }

    private static String source(String[] path) {
        if (path.length < 3) {
            return null;
        }
        return switch (path[2]) {
            case "meta" -> RawWebhookHeaders.SOURCE_META;
            case "360dialog" -> path.length >= 6 && "channels".equals(path[4]) ? RawWebhookHeaders.SOURCE_360DIALOG_CHANNEL
                    : RawWebhookHeaders.SOURCE_360DIALOG;
            default -> null;
        };
    }

    /** The header without which the route refuses every request; empty when unknown here (e.g. an unknown hub: 404). */
    private Optional<String> requiredHeader(String[] path) {
        if (path.length < 3) {
            return Optional.empty();
        }
        if ("meta".equals(path[2]) && path.length <= 4) {
            return Optional.of(META_SIGNATURE);
        }
        if ("360dialog".equals(path[2]) && path.length == 4) {
            return Optional.of(DIALOG360_SIGNATURE);
        }
        if ("360dialog".equals(path[2]) && path.length == 6 && "channels".equals(path[4])) {
            // A hub whose channel route is closed (neither a channel-auth-key nor the old shared value) answers 404 to everything: left to it.
            return config.dialog360().values().stream()
                    .filter(hub -> hub.partnerId().equals(path[3]) && (hub.channelAuthKey().isPresent() || hub.channelAuthValue().isPresent()))
                    .map(IngestConfig.Dialog360Hub::channelAuthHeader).findFirst();
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void refuse(RoutingContext context, Problem problem) {
        RoutingProblems.end(context, problem);
    }
}

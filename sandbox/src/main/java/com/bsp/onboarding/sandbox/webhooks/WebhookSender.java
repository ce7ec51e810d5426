package com.bsp.onboarding.sandbox.webhooks;

import com.bsp.onboarding.sandbox.SandboxConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Delivers webhooks like Meta and 360Dialog do: a POST of the signed body, retried with exponential
 * back-off until the receiver answers 200 or the attempts run out. Non-blocking throughout: the caller
 * gets control back at once, attempts and back-off run on Vert.x and Mutiny's timers.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final WebClient client;
    private final SandboxConfig.Webhooks config;
    private final WebhookDeliveries deliveries;

    public WebhookSender(Vertx vertx, SandboxConfig config, WebhookDeliveries deliveries) {
        this.client = WebClient.create(vertx);
        this.config = config.webhooks();
        this.deliveries = deliveries;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Starts the delivery and returns at once. */
    public void send(Webhook webhook) {
        WebhookDeliveries.Delivery delivery = deliveries.start(webhook);
        Uni.createFrom().deferred(() -> attempt(webhook, delivery))
                .onFailure().retry().withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(Math.max(0, config.maxAttempts() - 1))
                .subscribe().with(
                        ok -> {
                            delivery.status = "delivered";
                            LOG.debugf("%s webhook %s delivered to %s", webhook.source(), webhook.event(), webhook.url());
                        },
                        failure -> {
                            delivery.status = "failed";
                            LOG.warnf("%s webhook %s to %s given up after %d attempts: %s", webhook.source(), webhook.event(),
                                    webhook.url(), delivery.attempts, failure.getMessage());
                        });
    }

    private Uni<Void> attempt(Webhook webhook, WebhookDeliveries.Delivery delivery) {
        delivery.attempts++;
        return client.postAbs(webhook.url())
                .timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(webhook.signatureHeader(), webhook.signature())
                .sendBuffer(Buffer.buffer(webhook.body()))
                .onFailure().invoke(e -> delivery.lastAnswer = e.getClass().getSimpleName() + ": " + e.getMessage())
                .map(response -> accepted(response, delivery));
    }

    /** Meta and 360Dialog retry anything but a 200. */
    private static Void accepted(HttpResponse<Buffer> response, WebhookDeliveries.Delivery delivery) {
        delivery.lastAnswer = "HTTP " + response.statusCode();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("answered HTTP " + response.statusCode());
        }
        return null;
    }
}

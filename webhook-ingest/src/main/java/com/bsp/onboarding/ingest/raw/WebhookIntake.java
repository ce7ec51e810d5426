package com.bsp.onboarding.ingest.raw;

import com.bsp.onboarding.ingest.IngestConfig;
import com.bsp.onboarding.ingest.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** The common end of both webhook endpoints: store the authentic webhook, then answer; count everything. */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    private final RawWebhookWriter writer;
    private final MeterRegistry meters;
    private final int retryAfterSeconds;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public WebhookIntake(RawWebhookWriter writer, MeterRegistry meters, IngestConfig config) {
        this.writer = writer;
        this.meters = meters;
        this.retryAfterSeconds = config.retryAfterSeconds();
    }

    public void received(String source) {
        counter("webhooks_received_total", source, null).increment();
    }

    public Response rejected(String source, String reason, Response response) {
        counter("webhooks_rejected_total", source, reason).increment();
        return response;
    }

    /** 200 once Kafka has the webhook; 503 with Retry-After when it could not take it in time. */
    public Uni<Response> accept(RawWebhook webhook) {
        return writer.write(webhook)
                .map(stored -> {
                    counter("webhooks_accepted_total", webhook.source(), null).increment();
                    return Response.ok().build();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Webhook from %s not stored, sender asked to retry: %s", webhook.source(), failure.getMessage());
                    return rejected(webhook.source(), "kafka_unavailable", Problems.unavailable(retryAfterSeconds));
                });
    }

    private Counter counter(String name, String source, String reason) {
        return counters.computeIfAbsent(name + source + reason, key -> reason == null
                ? meters.counter(name, "source", source)
                : meters.counter(name, "source", source, "reason", reason));
    }
}

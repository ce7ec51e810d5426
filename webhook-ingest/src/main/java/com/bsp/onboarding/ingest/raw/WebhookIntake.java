package com.bsp.onboarding.ingest.raw;

import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_ID;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_SOURCE;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_SPECVERSION;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_TIME;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CE_TYPE;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CHANNEL_ID;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.CONTENT_TYPE;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.META_APP_ID;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.PARTNER_ID;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.SIGNATURE;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.USER_AGENT;
import static com.bsp.onboarding.contracts.webhook.RawWebhookHeaders.WEBHOOK_SOURCE;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.contracts.webhook.WebhookEventTypes;
import com.bsp.onboarding.ingest.IngestConfig;
import com.bsp.onboarding.ingest.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * The common end of every webhook endpoint, once the resource has verified the webhook: put it on
 * {@link Topics#WEBHOOKS_RAW} and answer 200 only once Kafka acknowledged it (acks=all, idempotent
 * producer), so the sender's 200 is never ahead of durability. When Kafka cannot take it in time the
 * sender gets 503 with Retry-After and retries. Counts everything.
 */
@ApplicationScoped
public class WebhookIntake {

    public static final String CHANNEL = "webhooks-raw";
    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    private final KafkaClientService kafka;
    private volatile KafkaProducer<String, byte[]> producer;
    private final MeterRegistry meters;
    private final Duration timeout;
    private final int retryAfterSeconds;
    private final Timer kafkaLatency;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public WebhookIntake(KafkaClientService kafka, MeterRegistry meters, IngestConfig config) {
        this.kafka = kafka;
        this.meters = meters;
        this.timeout = config.kafkaTimeout();
        this.retryAfterSeconds = config.retryAfterSeconds();
        this.kafkaLatency = Timer.builder("webhooks_kafka_write_seconds")
                .description("From handing a webhook to Kafka until Kafka acknowledged it")
                // A few fixed buckets (Prometheus computes the quantiles), not client-side percentiles: those
                // rotate decaying histograms on every record of the hot path.
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2))
                .register(meters);
    }

    /**
     * An authentic webhook as received: the exact body bytes and the request headers that matter.
     *
     * @param source {@code meta}, {@code 360dialog} or {@code 360dialog-channel}
     * @param partnerId the 360Dialog partner id of the URL, null for Meta
     * @param channelId the 360Dialog channel id of the URL, for channel (messaging) webhooks only
     * @param metaAppId the Meta app of the URL ({@code /webhooks/meta/{appId}}); null elsewhere
     * @param signature the signature header as received; null for channel webhooks, which are not signed
     */
    public record RawWebhook(String source, String partnerId, String channelId, String metaAppId, byte[] body,
            String contentType, String signature, String userAgent, Instant receivedAt) {

        /** A verified Meta webhook; {@code appId} is null on the single-app route. */
        public static RawWebhook meta(String appId, byte[] body, String contentType, String signature, String userAgent,
                Instant receivedAt) {
            return new RawWebhook(RawWebhookHeaders.SOURCE_META, null, null, appId, body, contentType, signature, userAgent,
                    receivedAt);
        }

        /**
         * Derived from the content, so a webhook delivered twice has one id: SHA-256 over source, the URL's
         * account (the 360Dialog partner, or the Meta app, so one body posted to two apps is two webhooks),
         * channel (only where there is one, so the ids of the other sources are unchanged) and body.
         */
        public String id() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(source.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '|');
                // a URL names a partner (360Dialog) or a Meta app, never both; without either the id is as before
                String account = partnerId != null ? partnerId : metaAppId;
                if (account != null) {
                    sha.update(account.getBytes(StandardCharsets.UTF_8));
                }
                sha.update((byte) '|');
                if (channelId != null) {
                    sha.update(channelId.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) '|');
                }
                return HexFormat.of().formatHex(sha.digest(body));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
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
        return write(webhook)
                .map(stored -> {
                    counter("webhooks_accepted_total", webhook.source(), null).increment();
                    return Response.ok().build();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Webhook from %s not stored, sender asked to retry: %s", webhook.source(), failure.getMessage());
                    return rejected(webhook.source(), "kafka_unavailable", Problems.unavailable(retryAfterSeconds));
                });
    }

    /** A binary-mode CloudEvent: the body byte for byte as the value, the attributes as headers. */
    private Uni<Void> write(RawWebhook webhook) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CE_SPECVERSION, CloudEvent.SPEC_VERSION);
        add(headers, CE_ID, webhook.id());
        add(headers, CE_SOURCE, WebhookEventTypes.SOURCE + "/" + webhook.source());
        add(headers, CE_TYPE, WebhookEventTypes.RAW_RECEIVED);
        add(headers, CE_TIME, webhook.receivedAt().toString());
        add(headers, CONTENT_TYPE, webhook.contentType());
        add(headers, WEBHOOK_SOURCE, webhook.source());
        add(headers, PARTNER_ID, webhook.partnerId());
        add(headers, CHANNEL_ID, webhook.channelId());
        add(headers, META_APP_ID, webhook.metaAppId());
        add(headers, SIGNATURE, webhook.signature());
        add(headers, USER_AGENT, webhook.userAgent());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.WEBHOOKS_RAW, null, (String) null, webhook.body(), headers);
        long start = System.nanoTime();
        // Straight to the channel's producer, on this thread: not through an emitter, whose connector sink resends a
        // failed record (with backoff, one after the other) long after its sender was told 503, nor through the
        // connector's single sending thread, where each send waited for metadata while the broker was away, and
        // the queue behind it delayed the first 200 after a broker restart by 7 to 26 s. The producer never
        // blocks (max.block.ms=0): without metadata or buffer room a send fails at once, and only its own webhook
        // is refused (503, the sender retries).
        return Uni.createFrom().<Void>emitter(emitter -> producer().unwrap().send(record, (metadata, failure) -> {
                    if (failure == null) {
                        emitter.complete(null);
                    } else {
                        emitter.fail(failure);
                    }
                }))
                .ifNoItem().after(timeout).failWith(() -> new KafkaUnavailableException("no acknowledgement within " + timeout.toMillis() + " ms"))
                .onFailure().transform(e -> e instanceof KafkaUnavailableException ? e : new KafkaUnavailableException(e.getClass().getSimpleName()))
                .invoke(() -> kafkaLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /**
     * Learns the raw topic's partitions at start-up, so the first webhooks find metadata to send with (the producer
     * never waits for it). Retried until Kafka answers; the service does not wait for it (Kafka is not part of
     * readiness: a webhook that comes first is refused with 503 and retried by its sender).
     */
    void learnTopic(@Observes StartupEvent started, IngestConfig config) {
        if (!config.roles().intake()) {
            return;
        }
        Uni.createFrom().item(() -> producer().unwrap().partitionsFor(Topics.WEBHOOKS_RAW))
                .onFailure().retry().withBackOff(Duration.ofMillis(20), Duration.ofSeconds(1)).indefinitely()
                .subscribe().with(partitions -> LOG.debugf("%s: %d partitions", Topics.WEBHOOKS_RAW, partitions.size()),
                        failure -> LOG.warnf("Metadata of %s not learnt: %s", Topics.WEBHOOKS_RAW, failure.getMessage()));
    }

    /** The producer of channel {@value #CHANNEL} (its settings in application.properties), once the connector made it. */
    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            current = kafka.getProducer(CHANNEL);
            if (current == null || current.unwrap() == null) {
                throw new KafkaUnavailableException("the producer of channel " + CHANNEL + " is not there yet");
            }
            producer = current;
        }
        return current;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Counter counter(String name, String source, String reason) {
        return counters.computeIfAbsent(name + source + reason, key -> reason == null
                ? meters.counter(name, "source", source)
                : meters.counter(name, "source", source, "reason", reason));
    }

    /** Kafka did not take the webhook in time (down, overloaded, or the send buffer is full). */
    static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String reason) {
            super("Kafka did not take the webhook: " + reason, null, false, false);
        }
    }
}

package com.bsp.onboarding.partnerwebhooks.bench;

import com.bsp.onboarding.partnerwebhooks.support.LinkIssuedEvents;
import com.bsp.onboarding.partnerwebhooks.support.PartnerWebhooksProcess;
import com.bsp.onboarding.partnerwebhooks.support.RecordingReceiver;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.testing.process.ServiceProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliveries through the packaged service, measured at the receiver. Run by
 * {@code bench/partner-webhooks-benchmark.sh}; see docs/benchmarks.md.
 *
 * <p>Each source event is a {@code link-issued} of a new link on {@code io-links.events.v1}: one
 * {@code onboarding.started} webhook each, through the whole path (consumer, inbox, onboarding row, message,
 * fan-out, dispatcher, signing, HTTP). Two phases, each with its own events:
 * <ol>
 * <li>throughput: {@code burstEvents} written to Kafka at once; the receiver's rate over the middle of the
 * drain (first and last 10% of the deliveries left out) is the sustained deliveries/s;</li>
 * <li>latency: {@code rate} events/s for {@code seconds}; for each, the time from its write to Kafka (the
 * record's send, acknowledged) to the receiver's 200; percentiles over the events after {@code warmupSeconds}.</li>
 * </ol>
 * With {@code hanging=true} (the default) a second endpoint of the same hub takes every event too and never
 * answers, for the whole run. Every webhook-id is checked at the receiver, 1 in 50 signatures with the
 * reference Standard Webhooks verifier.
 */
public final class DeliveryBenchmark {

    private static final String HUB = "bench";
    private static final String API_KEY = "bench-hub-key";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> latencyNanosByOnboarding = new ConcurrentHashMap<>();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();

    public static void main(String[] args) throws Exception {
        System.exit(new DeliveryBenchmark().run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        int burstEvents = Integer.getInteger("burstEvents", 30_000);
        int rate = Integer.getInteger("rate", 500);
        int seconds = Integer.getInteger("seconds", 40);
        int warmupSeconds = Integer.getInteger("warmupSeconds", 10);
        boolean hanging = Boolean.parseBoolean(System.getProperty("hanging", "true"));
        String database = "partner_webhooks_bench";

        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        broker.start();
        TestDatabaseResource.recreate(database);
        RecordingReceiver receiver = new RecordingReceiver(0);
        ServerSocket hangingServer = new ServerSocket(0);
        List<Socket> heldOpen = new CopyOnWriteArrayList<>();
        Thread holder = new Thread(() -> holdOpen(hangingServer, heldOpen), "hanging-endpoint");
        holder.setDaemon(true);
        holder.start();
        ServiceProcess service = PartnerWebhooksProcess.of(database, Map.of(HUB, API_KEY))
                .with("QUARKUS_LOG_LEVEL", "WARN");
        try (LinkIssuedEvents producer = new LinkIssuedEvents(broker.bootstrapServers(), HUB)) {
            service.start();
            String secret = register(service.baseUrl(), receiver.url("/hooks"));
            receiver.onFirstArrival((headers, body) -> onArrival(secret, headers, body));
            if (hanging) {
                register(service.baseUrl(), "http://127.0.0.1:" + hangingServer.getLocalPort() + "/hangs");
            }
            // Topic metadata and the service's first delivery, out of the figures.
            send(producer, "bench-warmup").get(30, TimeUnit.SECONDS);
            await(receiver, 1, 30);

            System.out.printf("partner-webhooks delivery benchmark, %s, hanging endpoint: %s%n", Instant.now(), hanging);
            // Phase 1: throughput.
            int before = receiver.distinct();
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < burstEvents; i++) {
                sends.add(send(producer, "bench-burst-" + i));
            }
            for (var s : sends) {
                s.get(60, TimeUnit.SECONDS);
            }
            boolean drained = await(receiver, before + burstEvents, 300);
            long[] burst = receiver.firstArrivalsSince(before);
            int from = burst.length / 10;
            int to = burst.length - burst.length / 10 - 1;
            double perSecond = (to - from) / ((burst[to] - burst[from]) / 1e9);
            System.out.printf("throughput: %d events written at once; %d delivered%s; sustained %.0f deliveries/s "
                    + "(middle 80%% of the drain); whole drain %.1f s%n", burstEvents, burst.length, drained ? "" : " (TIMED OUT)",
                    perSecond, (burst[burst.length - 1] - burst[0]) / 1e9);

            // Phase 2: latency at a fixed rate.
            latencyNanosByOnboarding.clear();
            int total = rate * seconds;
            long start = System.nanoTime();
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                send(producer, (i < rate * warmupSeconds ? "bench-warm-" : "bench-rate-") + i);
            }
            boolean allArrived = await(receiver, before + burstEvents + total, 120);
            long[] latencies = latencyNanosByOnboarding.entrySet().stream().filter(e -> e.getKey().startsWith("bench-rate-"))
                    .mapToLong(Map.Entry::getValue).sorted().toArray();
            System.out.printf("latency at %d events/s for %d s (first %d s not counted): %d measured%s; "
                    + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", rate, seconds, warmupSeconds,
                    latencies.length, allArrived ? "" : " (NOT ALL ARRIVED)", pct(latencies, 50), pct(latencies, 90),
                    pct(latencies, 99), pct(latencies, 99.9), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);

            long duplicates = receiver.arrivalsById().values().stream().filter(n -> n.get() > 1).count();
            int expected = 1 + burstEvents + total;
            System.out.printf("webhook-ids received: %d of %d expected, %d received more than once; signatures verified %d, bad %d; "
                    + "hanging endpoint connections held open: %d%n", receiver.distinct(), expected, duplicates, verified.get(),
                    badSignatures.get(), heldOpen.size());
            return drained && allArrived && receiver.distinct() == expected && badSignatures.get() == 0;
        } finally {
            service.stop();
            receiver.close();
            hangingServer.close();
            broker.close();
        }
    }

    /** The receiver's handler, on its event loop: the latency of each onboarding's webhook; every 50th verified. */
    private void onArrival(String secret, io.vertx.core.MultiMap headers, io.vertx.core.buffer.Buffer body) {
        long now = System.nanoTime();
        try {
            String onboarding = JSON.readTree(body.getBytes()).path("data").path("onboarding_id").asText();
            Long sent = sentAtNanos.get(onboarding);
            if (sent != null) {
                latencyNanosByOnboarding.putIfAbsent(onboarding, now - sent);
            }
            if (seen.incrementAndGet() % 50 == 0) {
                RecordingReceiver.verify(secret, headers, body);
                verified.incrementAndGet();
            }
        } catch (Exception e) {
            badSignatures.incrementAndGet();
        }
    }

    /** Accepts connections and never reads or answers: a hanging endpoint. */
    private static void holdOpen(ServerSocket server, List<Socket> held) {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    private java.util.concurrent.Future<?> send(LinkIssuedEvents links, String linkId) {
        sentAtNanos.put(linkId, System.nanoTime());
        return links.send(linkId);
    }

    private static boolean await(RecordingReceiver receiver, int deliveries, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (receiver.distinct() < deliveries) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static String register(String baseUrl, String url) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/endpoints"))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("Endpoint not created: " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body()).path("secret").asText();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}

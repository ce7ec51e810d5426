package com.bsp.onboarding.ingest.bench;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.testing.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * webhook-ingest against broker kills: {@code webhooks} unique signed Meta webhooks from {@code senders}
 * concurrent senders that, like Meta, send each webhook again until it gets a 200; meanwhile the broker (a
 * process of its own, {@code EmbeddedKafkaMain}) is killed with SIGKILL {@code kills} times and started again
 * after {@code downSeconds}. Run by {@code bench/webhook-ingest-broker-restart.sh}; see docs/benchmarks.md.
 *
 * <p>Prints per restart the recovery time: from the broker being ready again (its "Kafka ready" line) to the
 * first 200 after it; and while it was down, how the service answered (503s, the slowest answer). At the end it
 * reads {@code webhooks.raw.v1} back and counts the acknowledged webhooks that are not there (must be 0).
 */
public final class BrokerRestartDrill {

    private static final String SECRET = "drill-app-secret";
    private static final HexFormat HEX = HexFormat.of();

    private final int webhooks = Integer.getInteger("webhooks", 100_000);
    private final int senders = Integer.getInteger("senders", 32);
    private final int kills = Integer.getInteger("kills", 2);
    private final int downSeconds = Integer.getInteger("downSeconds", 5);
    private final Path kafkaClasspath = Path.of(System.getProperty("kafkaClasspath"));
    private final Path workDir = Path.of(System.getProperty("workDir", "target/broker-restart-drill"));

    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicLongArray acknowledgedAt = new AtomicLongArray(webhooks);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failedConnections = new AtomicLong();
    /** The slowest non-200 answer, in ms, per broker outage (index = kill). */
    private final AtomicLongArray slowestRefusalMs = new AtomicLongArray(kills + 1);
    private final AtomicLongArray refusalsInOutage = new AtomicLongArray(kills + 1);
    private volatile int outage = -1;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Process broker;
    private int kafkaPort;

    public static void main(String[] args) throws Exception {
        BrokerRestartDrill drill = new BrokerRestartDrill();
        boolean passed;
        try {
            passed = drill.run();
        } finally {
            if (drill.broker != null) {
                drill.broker.destroyForcibly();
            }
        }
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        Files.createDirectories(workDir);
        kafkaPort = ServiceProcess.freePort();
        Path data = Files.createTempDirectory(workDir, "kafka-");
        startBroker(data);
        ServiceProcess ingest = new ServiceProcess("webhook-ingest", Path.of("."), workDir, "512m")
                .with("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort)
                .with("INGEST_META_APP_SECRET", SECRET)
                .with("INGEST_META_VERIFY_TOKEN", "drill")
                .with("RATE_LIMIT_ENABLED", "false")
                .start();
        String url = ingest.baseUrl() + "/webhooks/meta";
        System.out.printf("webhook-ingest broker-restart drill, %s: %,d webhooks, %d senders, %d kills, broker down %d s each%n",
                Instant.now(), webhooks, senders, kills, downSeconds);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            running.add(sendNext(url));
        }
        List<long[]> restarts = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            int at = webhooks * (k + 1) / (kills + 1);
            while (acknowledged.get() < at) {
                Thread.sleep(20);
            }
            outage = k;
            broker.destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            Thread.sleep(downSeconds * 1000L);
            long ready = startBroker(data);
            outage = -1;
            restarts.add(new long[] {killedAt, ready});
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean ok = true;
        for (int k = 0; k < restarts.size(); k++) {
            long ready = restarts.get(k)[1];
            long firstAfter = Long.MAX_VALUE;
            for (int i = 0; i < webhooks; i++) {
                long t = acknowledgedAt.get(i);
                if (t >= ready && t < firstAfter) {
                    firstAfter = t;
                }
            }
            double recovery = (firstAfter - ready) / 1e9;
            ok &= recovery <= 3.0;
            System.out.printf("restart %d: down %.1f s; while down %,d refusals, slowest answer %d ms; first 200 %.2f s after the broker was ready%n",
                    k + 1, (ready - restarts.get(k)[0]) / 1e9, refusalsInOutage.get(k), slowestRefusalMs.get(k), recovery);
        }
        ingest.stop();
        long stored = verifyStored();
        long lost = webhooks - stored;
        System.out.printf("acknowledged %,d of %,d in %.1f s (%,d refusals in all, %,d connection failures); stored on %s: %,d; lost: %,d%n",
                acknowledged.get(), webhooks, seconds, refused.get(), failedConnections.get(), Topics.WEBHOOKS_RAW, stored, lost);
        broker.destroy();
        broker.waitFor(30, TimeUnit.SECONDS);
        return ok && lost == 0 && acknowledged.get() == webhooks;
    }

    /** One sender: the next webhook, sent until it gets a 200, then the one after. */
    private CompletableFuture<Void> sendNext(String url) {
        int i = next.getAndIncrement();
        if (i >= webhooks) {
            return CompletableFuture.completedFuture(null);
        }
        return send(url, i).thenCompose(ignored -> sendNext(url));
    }

    private CompletableFuture<Void> send(String url, int i) {
        byte[] body = body(i);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HEX.formatHex(hmac(body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure == null && response.statusCode() == 200) {
                acknowledgedAt.set(i, System.nanoTime());
                acknowledged.incrementAndGet();
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (failure != null) {
                failedConnections.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
            int during = outage;
            if (during >= 0) {
                refusalsInOutage.incrementAndGet(during);
                slowestRefusalMs.accumulateAndGet(during, (System.nanoTime() - sent) / 1_000_000, Math::max);
            }
            // Meta backs off for minutes; a short pause here measures the service's recovery, not the sender's.
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> send(url, i));
        }).thenCompose(f -> f);
    }

    /** A ~1.2 KB Meta status webhook, unique by its marker {@code drill-<i>-}. */
    private static byte[] body(int i) {
        String marker = "drill-" + i + "-";
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":"
                + "\"106540352242922\"},\"statuses\":[{\"id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA\","
                + "\"status\":\"delivered\",\"timestamp\":\"1750263773\",\"recipient_id\":\"16505551234\",\"conversation\":{\"id\":"
                + "\"" + marker + "\",\"origin\":{\"type\":\"marketing\"}},\"pricing\":{\"billable\":true,\"pricing_model\":"
                + "\"PMP\",\"category\":\"marketing\",\"type\":\"regular\"}}]},\"field\":\"messages\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the broker on the data dir and waits for its "Kafka ready" line; @return that moment (nanoTime). */
    private long startBroker(Path data) throws IOException, InterruptedException {
        Path log = workDir.resolve("kafka.log");
        int linesBefore = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).size() : 0;
        broker = new ProcessBuilder("java", "-Xmx512m", "-cp", kafkaClasspath.toString(),
                "com.bsp.onboarding.devstack.kafka.EmbeddedKafkaMain", "--port", String.valueOf(kafkaPort),
                "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.subList(Math.min(linesBefore, lines.size()), lines.size()).stream().anyMatch(l -> l.contains("Kafka ready"))) {
                return System.nanoTime();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the broker did not get ready; see " + log);
    }

    /** How many of the webhooks are on the raw topic (each counted once, however often it was stored). */
    private long verifyStored() {
        BitSet seen = new BitSet(webhooks);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.WEBHOOKS_RAW, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    int at = value.indexOf("\"drill-");
                    if (at >= 0) {
                        int from = at + "\"drill-".length();
                        seen.set(Integer.parseInt(value.substring(from, value.indexOf('-', from))));
                    }
                }
            }
        }
        return seen.cardinality();
    }
}

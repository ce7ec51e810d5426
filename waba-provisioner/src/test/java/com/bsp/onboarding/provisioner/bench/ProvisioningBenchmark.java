package com.bsp.onboarding.provisioner.bench;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.emulator.ProviderEmulator;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.provisioner.support.ProvisionerProcess;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.testing.process.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Provisions N WABAs through the packaged service, with Graph emulated at a fixed latency per call, and
 * checks that every side effect happened exactly once. Run by {@code bench/provisioning-benchmark.sh}.
 *
 * <p>System properties: {@code wabas} (1000), {@code latencyMs} (50), {@code concurrency} (64),
 * {@code timeoutSeconds} (120).
 */
public final class ProvisioningBenchmark {

    private static final List<String> SIDE_EFFECTS = List.of("subscribe_app", "share_credit_line", "register");

    public static void main(String[] args) throws Exception {
        int wabas = Integer.getInteger("wabas", 1000);
        int latency = Integer.getInteger("latencyMs", 50);
        String concurrency = System.getProperty("concurrency", "64");
        int timeout = Integer.getInteger("timeoutSeconds", 120);
        String database = "waba_provisioner_bench";

        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        broker.start();
        TestDatabaseResource.recreate(database);
        ProviderEmulator emulator = ProviderEmulator.start(0);
        EmulatorAdmin graph = new EmulatorAdmin(emulator.baseUrl());
        ServiceProcess provisioner = ProvisionerProcess.of(database, emulator.baseUrl())
                .with("PROVISIONER_RUNNER_CONCURRENCY", concurrency)
                .with("QUARKUS_LOG_LEVEL", "WARN");
        int exit = 1;
        try {
            provisioner.start();
            List<CloudEvent<SignupCompleted>> signups = new ArrayList<>(wabas);
            for (int i = 0; i < wabas; i++) {
                String n = String.format("%05d", i);
                graph.seed("bench-waba-" + n, "bench-business-" + n, "bench-phone-" + n, false);
                signups.add(InputTopics.signup("bench-waba-" + n, "bench-business-" + n, "bench-phone-" + n, "bench-token-" + n));
            }
            // Warm the topic's metadata so the clock measures provisioning, not topic creation.
            InputTopics.sendSignup(InputTopics.signup("bench-warmup", "bench-business-warmup", null, "token"));
            graph.latencyMillis(latency);
            long start = System.nanoTime();
            send(broker, signups);
            long sent = System.nanoTime();
            long provisioned = awaitProvisioned(database, wabas, timeout);
            long done = System.nanoTime();
            int events = (int) TopicReader.readAll(Topics.PROVISIONING_EVENTS).stream()
                    .filter(r -> r.key() != null && r.key().startsWith("bench-waba-")
                            && r.value().contains(ProvisioningEventTypes.WABA_PROVISIONED)).count();

            JsonNode summary = graph.summary();
            System.out.printf("WABAs: %d, Graph latency %d ms per call, runner concurrency %s%n", wabas, latency, concurrency);
            System.out.printf("signups written to Kafka in %.2f s%n", (sent - start) / 1e9);
            System.out.printf("provisioned: %d of %d in %.2f s after the first signup was written (%.0f WABAs/s)%n", provisioned, wabas,
                    (done - start) / 1e9, provisioned / ((done - start) / 1e9));
            System.out.printf("waba-provisioned events on %s: %d%n", Topics.PROVISIONING_EVENTS, events);
            boolean exactlyOnce = true;
            for (var entry : iterable(summary)) {
                JsonNode op = entry.getValue();
                System.out.printf("  %-24s calls %6d, targets %6d, most on one target %d%n", entry.getKey(), op.path("calls").asInt(),
                        op.path("targets").asInt(), op.path("max_per_target").asInt());
            }
            for (String op : SIDE_EFFECTS) {
                JsonNode stats = summary.path(op);
                // The warm-up WABA adds one subscribe and one share (it has no number to register).
                int expected = op.equals("register") ? wabas : wabas + 1;
                exactlyOnce &= stats.path("calls").asInt() == expected && stats.path("max_per_target").asInt() == 1;
            }
            System.out.println("every side effect exactly once: " + (exactlyOnce ? "yes" : "NO"));
            exit = provisioned == wabas && events >= wabas && exactlyOnce ? 0 : 1;
        } finally {
            provisioner.stop();
            emulator.close();
            broker.close();
        }
        System.exit(exit);
    }

    private static void send(EmbeddedKafkaBroker broker, List<CloudEvent<SignupCompleted>> signups) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (CloudEvent<SignupCompleted> signup : signups) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SIGNUP_EVENTS, signup.data().wabaId(),
                        InputTopics.JSON.writeValueAsString(signup));
                record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes());
                sends.add(producer.send(record));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long awaitProvisioned(String database, int wabas, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long provisioned = 0;
        while (System.nanoTime() < deadline) {
            provisioned = ((Number) TestDatabaseResource.query(database,
                    "SELECT count(*) AS n FROM wabas WHERE status = 'provisioned' AND waba_id LIKE 'bench-waba-%'").get(0).get("n"))
                    .longValue();
            if (provisioned >= wabas) {
                return provisioned;
            }
            Thread.sleep(50);
        }
        return provisioned;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }
}

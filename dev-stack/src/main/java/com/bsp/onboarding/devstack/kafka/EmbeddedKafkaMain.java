package com.bsp.onboarding.devstack.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local dev stack's Kafka: the same in-process broker as the tests' one, as a process of its own.
 *
 * <pre>
 * java -cp 'dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar:dev-stack/target/lib/*' \
 *     com.bsp.onboarding.devstack.kafka.EmbeddedKafkaMain --port 9092 --data-dir .local/kafka
 * </pre>
 *
 * Prints {@code Kafka ready on 127.0.0.1:<port>} once clients can connect, keeps its data in the
 * data dir across runs, and shuts the broker down cleanly on SIGTERM or SIGINT.
 */
public final class EmbeddedKafkaMain {

    private static final String USAGE = "usage: EmbeddedKafkaMain [--port 9092] [--data-dir .local/kafka]";

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        Path dataDir = Path.of(".local", "kafka");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else {
                System.err.println(USAGE);
                System.exit(arg.equals("--help") || arg.equals("-h") ? 0 : 2);
            }
        }
        // One line per record instead of JUL's default two; must be set before JUL's first use.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        }

        KafkaBroker broker = new InProcessKafkaBroker(port, dataDir, false, true);
        try {
            broker.start();
        } catch (RuntimeException e) {
            System.err.println("Kafka failed to start: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            System.exit(1);
        }
        // SIGTERM and SIGINT run the shutdown hooks; stop() waits for a clean broker shutdown.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            System.out.println("Kafka stopped");
        }, "embedded-kafka-main-shutdown"));
        System.out.println("Kafka ready on " + broker.getBootstrapServers());
        new CountDownLatch(1).await();
    }
}

package com.bsp.onboarding.testing.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

    // The outage tests stop and restart their own broker so the JVM's shared one stays up.
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker();
        long started = System.nanoTime();
        broker.start();
        System.out.printf("Embedded Kafka first start took %d ms%n", millisSince(started));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void idempotentProducerWithAcksAllWritesRecordsAConsumerGroupReads() throws Exception {
        String topic = newTopic();
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        long polling = System.nanoTime();
        List<String> values = consumeValues(broker, topic, 5);
        System.out.printf("First consumer group read 5 records in %d ms%n", millisSince(polling));
        assertEquals(List.of("value-0", "value-1", "value-2", "value-3", "value-4"), values.stream().sorted().toList());
    }

    @Test
    void autoCreatedTopicsGetThreePartitions() throws Exception {
        String topic = newTopic();
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
            assertEquals(3, producer.partitionsFor(topic).size());
        }
    }

    @Test
    void clientsCannotReachAStoppedBroker() throws Exception {
        String topic = newTopic();
        Map<String, Object> impatient = Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000,
                ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = producer(broker, impatient)) {
            producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);

            long stopping = System.nanoTime();
            broker.stop();
            System.out.printf("Embedded Kafka stop took %d ms%n", millisSince(stopping));
            assertFalse(broker.isRunning());
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", broker.port()).close());

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(topic, "k", "during outage")).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, failure.getCause());
        } finally {
            broker.start();
        }
    }

    @Test
    void recordsWrittenBeforeAnOutageAreReadableAfterRestart() throws Exception {
        String topic = newTopic();
        int port = broker.port();
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "before-" + i)).get(30, TimeUnit.SECONDS);
            }
        }

        broker.stop();
        long restarting = System.nanoTime();
        broker.start();
        System.out.printf("Embedded Kafka restart (start after stop) took %d ms%n", millisSince(restarting));

        assertEquals(port, broker.port());
        assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, "k9", "after")).get(30, TimeUnit.SECONDS);
            assertTrue(written.hasOffset());
        }
        assertEquals(List.of("after", "before-0", "before-1", "before-2"), consumeValues(broker, topic, 4).stream().sorted().toList());
    }

    @Test
    void restartKeepsTheBrokerRunningOnTheSamePort() throws IOException {
        int port = broker.port();
        broker.restart();
        assertTrue(broker.isRunning());
        assertEquals(port, broker.port());
        new Socket("127.0.0.1", port).close();
    }

    @Test
    void sharedBrokerIsStartedOnceAndReused() {
        EmbeddedKafkaBroker shared = EmbeddedKafkaBroker.shared();
        assertSame(shared, EmbeddedKafkaBroker.shared());
        assertTrue(shared.isRunning());
        assertNotEquals(broker.port(), shared.port());
    }

    @Test
    void quarkusResourcePointsTheApplicationAtTheSharedBrokerAndLeavesItRunning() {
        KafkaBrokerResource resource = new KafkaBrokerResource();
        Map<String, String> config = resource.start();
        assertEquals(Map.of(
                "kafka.bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false"), config);
        resource.stop();
        assertTrue(EmbeddedKafkaBroker.shared().isRunning());
    }

    /** A Quarkus test run loads test-support once per application class loader; they must share one broker. */
    @Test
    void sharedBrokerIsOnePerJvmAcrossClassLoaders() throws Exception {
        String here = EmbeddedKafkaBroker.shared().bootstrapServers();
        URL classes = EmbeddedKafkaBroker.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new ChildFirstClassLoader(classes, getClass().getClassLoader())) {
            Class<?> otherBroker = other.loadClass(EmbeddedKafkaBroker.class.getName());
            assertNotSame(EmbeddedKafkaBroker.class, otherBroker);
            Object sharedThere = otherBroker.getMethod("shared").invoke(null);
            assertEquals(here, otherBroker.getMethod("bootstrapServers").invoke(sharedThere));
            assertEquals(true, otherBroker.getMethod("isRunning").invoke(sharedThere));
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker target, Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.putAll(overrides);
        return new KafkaProducer<>(props);
    }

    private static List<String> consumeValues(EmbeddedKafkaBroker target, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static String newTopic() {
        return "test-" + UUID.randomUUID();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** Loads this module's own classes again, as a new Quarkus application class loader would. */
    private static final class ChildFirstClassLoader extends URLClassLoader {
        ChildFirstClassLoader(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith("com.bsp.onboarding.testing.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }
}

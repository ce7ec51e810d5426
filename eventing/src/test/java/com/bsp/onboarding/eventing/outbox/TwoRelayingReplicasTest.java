package com.bsp.onboarding.eventing.outbox;

import static com.bsp.onboarding.eventing.support.EventingTestResources.count;
import static com.bsp.onboarding.eventing.support.TestEvents.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.eventing.support.EventingTestResources;
import com.bsp.onboarding.eventing.support.TestEvents;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Properties;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of a service, each with its own relay and connection pool, on one database: the application's
 * relay and a second one built here the way CDI builds the first.
 */
@QuarkusTest
class TwoRelayingReplicasTest {

    private static final List<String> KEYS = List.of("a", "b", "c", "d");

    @Inject
    Pool pool;
    @Inject
    OutboxRelay relay;
    @Inject
    KafkaEventPublisher publisher;
    @Inject
    OutboxConfig config;
    @Inject
    Vertx vertx;

    private Pool secondPool;
    private OutboxRelay secondRelay;

    @BeforeEach
    void startSecondReplica() {
        secondPool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(4))
                .connectingTo(PgConnectOptions.fromUri(TestDatabaseResource.reactiveUrl(EventingTestResources.DATABASE))
                        .setUser("postgres"))
                .using(vertx)
                .build();
        secondRelay = new OutboxRelay(secondPool, publisher, config, new SimpleMeterRegistry());
    }

    @AfterEach
    void stopSecondReplica() {
        secondRelay.onShutdown(null);
        secondPool.closeAndAwait();
    }

    /** The driver directly: DriverManager refuses a driver that a Quarkus class loader loaded. */
    private static Connection connect() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        return new org.postgresql.Driver().connect(TestDatabaseResource.jdbcUrl(EventingTestResources.DATABASE), props);
    }

    @Test
    void noReplicaRelaysWhileAnotherHoldsTheRelayLock() throws Exception {
        String topic = TestEvents.newTopic("lock");
        List<OutboxRecord> events = IntStream.range(0, 20).mapToObj(n -> event(topic, "k", n)).toList();
        try (Connection relaying = connect()) {
            // A third replica in the middle of a relay transaction.
            relaying.setAutoCommit(false);
            try (Statement s = relaying.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK_ID + ")");
            }
            pool.withTransaction(tx -> OutboxWriter.append(tx, events)).await().atMost(Duration.ofSeconds(10));
            for (int i = 0; i < 10; i++) {
                relay.wake();
                secondRelay.wake();
                TestEvents.sleep(200);
            }
            assertEquals(20, count("SELECT count(*) AS n FROM outbox_events WHERE topic = ?", topic),
                    "the events wait in the outbox");
            assertTrue(TopicReader.readAll(topic).isEmpty(), "neither replica relayed while the other held the lock");
            relaying.commit();
        }
        secondRelay.wake();
        relay.wake();
        List<ConsumerRecord<String, String>> records = TestEvents.awaitDistinct(topic, 20, Duration.ofSeconds(30));
        assertEquals(20, records.size(), "each event relayed once");
    }

    @Test
    void twoReplicasRelayingAtOnceLoseNothingAndDuplicateNothing() {
        String topic = TestEvents.newTopic("replicas");
        int perKey = 150;
        List<OutboxRecord> all = new ArrayList<>();
        for (int n = 0; n < perKey; n++) {
            for (String key : KEYS) {
                all.add(event(topic, key, n));
            }
        }
        // Both replicas write and are woken after every commit, as their services do.
        for (int from = 0; from < all.size(); from += 10) {
            List<OutboxRecord> chunk = all.subList(from, from + 10);
            Pool writer = (from / 10) % 2 == 0 ? pool : secondPool;
            writer.withTransaction(tx -> OutboxWriter.append(tx, chunk)).await().atMost(Duration.ofSeconds(10));
            relay.wake();
            secondRelay.wake();
        }

        List<ConsumerRecord<String, String>> records = TestEvents.awaitDistinct(topic, all.size(), Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) AS n FROM outbox_events WHERE topic = ?", topic) == 0);
        records = TopicReader.readAll(topic);
        // Kafka stayed up, so at-least-once has no reason to repeat anything: a duplicate means two relayed at once.
        assertEquals(all.size(), records.size(), "every event on Kafka once");
        Map<String, List<Integer>> numbers = TestEvents.numbersByKey(records);
        List<Integer> inOrder = IntStream.range(0, perKey).boxed().toList();
        for (String key : KEYS) {
            assertEquals(inOrder, numbers.get(key), "key " + key + " in order across both replicas");
        }
    }
}

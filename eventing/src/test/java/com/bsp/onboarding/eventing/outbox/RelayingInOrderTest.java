package com.bsp.onboarding.eventing.outbox;

import static com.bsp.onboarding.eventing.support.EventingTestResources.count;
import static com.bsp.onboarding.eventing.support.TestEvents.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.eventing.support.EventingTestResources;
import com.bsp.onboarding.eventing.support.TestEvents;
import com.bsp.onboarding.testing.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RelayingInOrderTest {

    private static final List<String> KEYS = List.of("waba-1", "waba-2", "waba-3", "waba-4", "waba-5");
    private static final int PER_KEY = 120;
    /** Events per transaction: not a divisor of the batch size, so keys interleave across relay batches. */
    private static final int PER_TRANSACTION = 7;

    @Inject
    Pool pool;
    @Inject
    OutboxRelay relay;

    @Test
    void keepsTheOrderOfEachKeyAcrossManyTransactionsAndRelayBatches() {
        String topic = TestEvents.newTopic("order");
        List<OutboxRecord> all = new ArrayList<>();
        for (int n = 0; n < PER_KEY; n++) {
            for (String key : KEYS) {
                all.add(event(topic, key, n));
            }
        }
        for (int from = 0; from < all.size(); from += PER_TRANSACTION) {
            List<OutboxRecord> chunk = all.subList(from, Math.min(from + PER_TRANSACTION, all.size()));
            pool.withTransaction(tx -> OutboxWriter.append(tx, chunk)).await().atMost(Duration.ofSeconds(10));
            relay.wake();
        }

        List<ConsumerRecord<String, String>> records = TestEvents.awaitDistinct(topic, all.size(), Duration.ofSeconds(60));
        Map<String, List<Integer>> numbers = TestEvents.numbersByKey(records);
        List<Integer> inOrder = IntStream.range(0, PER_KEY).boxed().toList();
        for (String key : KEYS) {
            assertEquals(inOrder, numbers.get(key), "the events of " + key + " reached Kafka in the order written");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) AS n FROM outbox_events WHERE topic = ?", topic) == 0);
    }

    @Test
    void keepsTheOrderOfOneAppendOfManyEvents() {
        String topic = TestEvents.newTopic("one-append");
        List<OutboxRecord> events = IntStream.range(0, 200).mapToObj(n -> event(topic, "client-" + (n % 2), n / 2)).toList();
        pool.withTransaction(tx -> OutboxWriter.append(tx, events)).await().atMost(Duration.ofSeconds(10));
        relay.wake();

        Map<String, List<Integer>> numbers = TestEvents.numbersByKey(
                TestEvents.awaitDistinct(topic, events.size(), Duration.ofSeconds(60)));
        List<Integer> inOrder = IntStream.range(0, 100).boxed().toList();
        assertEquals(inOrder, numbers.get("client-0"));
        assertEquals(inOrder, numbers.get("client-1"));
    }

    @Test
    void writesTheEventsOfAStatementOnlyWhenItsStateChangeHappened() {
        String topic = TestEvents.newTopic("in-statement");
        // A service's own statement: the state change as a CTE, the events inserted only if it returned a row.
        String statement = "WITH changed AS (SELECT 1 WHERE $1), announced AS ("
                + OutboxWriter.insertSqlIfAnyRowIn("changed", 2) + ") SELECT count(*) FROM changed";
        List<OutboxRecord> happened = List.of(event(topic, "k", 0), event(topic, "k", 1));
        List<OutboxRecord> didNot = List.of(event(topic, "k", 2));
        pool.preparedQuery(statement).execute(OutboxWriter.addParameters(Tuple.of(true), happened))
                .await().atMost(Duration.ofSeconds(10));
        pool.preparedQuery(statement).execute(OutboxWriter.addParameters(Tuple.of(false), didNot))
                .await().atMost(Duration.ofSeconds(10));
        relay.wake();

        TestEvents.awaitDistinct(topic, 2, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) AS n FROM outbox_events WHERE topic = ?", topic) == 0);
        assertEquals(List.of(0, 1), TestEvents.numbersByKey(TopicReader.readAll(topic)).get("k"),
                "the events of the change that happened, and none of the one that did not");
    }
}

package com.bsp.onboarding.eventing.outbox;

import static com.bsp.onboarding.eventing.support.EventingTestResources.count;
import static com.bsp.onboarding.eventing.support.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.bsp.onboarding.eventing.support.TestEvents;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KafkaOutageTest {

    @Inject
    Pool pool;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxConfig config;

    @Test
    void keepsEveryEventWrittenWhileKafkaIsDownAndRelaysItAfterwards() {
        String topic = TestEvents.newTopic("outage");
        List<OutboxRecord> events = IntStream.range(0, 30).mapToObj(n -> event(topic, "k" + n % 3, n / 3)).toList();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        broker.stop();
        try {
            for (int from = 0; from < events.size(); from += 5) {
                List<OutboxRecord> chunk = events.subList(from, from + 5);
                pool.withTransaction(tx -> OutboxWriter.append(tx, chunk)).await().atMost(Duration.ofSeconds(10));
                relay.wake();
            }
            // Longer than the send timeout, twice: the relay fails, backs off and tries again.
            TestEvents.sleep(config.sendTimeout().multipliedBy(2).plusSeconds(1).toMillis());
            assertNotNull(relay.lastFailure(), "the relay tried and failed");
            assertEquals(events.size(), count("SELECT count(*) AS n FROM outbox_events WHERE topic = ?", topic),
                    "every event waits in the outbox while Kafka is down");
        } finally {
            broker.start();
        }

        List<ConsumerRecord<String, String>> records = TestEvents.awaitDistinct(topic, events.size(), Duration.ofSeconds(90));
        assertEquals(events.stream().map(e -> e.eventId().toString()).collect(Collectors.toSet()), TestEvents.ids(records),
                "every event arrived once Kafka was back (some maybe twice: at least once)");
    }
}

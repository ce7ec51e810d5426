package com.bsp.onboarding.eventing.inbox;

import static com.bsp.onboarding.eventing.support.EventingTestResources.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.eventing.support.EventingTestResources;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DroppingRedeliveriesTest {

    @Inject
    Pool pool;

    @BeforeAll
    static void createAConsumersState() {
        TestDatabaseResource.update(EventingTestResources.DATABASE,
                "CREATE TABLE IF NOT EXISTS deliveries_applied (event_id text NOT NULL)");
    }

    /** A consumer as the services write one: claim, and apply only the first delivery, in one transaction. */
    private boolean deliver(String eventId) {
        return pool.withTransaction(tx -> Inbox.claim(tx, eventId).call(first -> first
                        ? tx.preparedQuery("INSERT INTO deliveries_applied (event_id) VALUES ($1)").execute(Tuple.of(eventId))
                        : Uni.createFrom().voidItem()))
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void appliesTheFirstDeliveryAndDropsEveryRedelivery() {
        String eventId = UUID.randomUUID().toString();
        assertTrue(deliver(eventId), "first delivery");
        assertFalse(deliver(eventId), "redelivery");
        assertFalse(deliver(eventId), "another redelivery");
        assertEquals(1, count("SELECT count(*) AS n FROM deliveries_applied WHERE event_id = ?", eventId));
        assertEquals(Inbox.APPLIED, Inbox.outcome(true));
        assertEquals(Inbox.DUPLICATE, Inbox.outcome(false));
    }

    @Test
    void anEventWhoseTransactionRolledBackIsAppliedWhenRedelivered() {
        String eventId = UUID.randomUUID().toString();
        assertThrows(IllegalStateException.class, () -> pool.withTransaction(tx -> Inbox.claim(tx, eventId)
                        .chain(first -> Uni.createFrom().failure(new IllegalStateException("the consumer failed"))))
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(0, count("SELECT count(*) AS n FROM processed_events WHERE event_id = ?", eventId), "the claim was rolled back");

        assertTrue(deliver(eventId), "the redelivery is the first one applied");
        assertEquals(1, count("SELECT count(*) AS n FROM deliveries_applied WHERE event_id = ?", eventId));
    }
}

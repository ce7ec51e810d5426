package com.bsp.onboarding.link.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.eventing.inbox.InboxPruner;
import com.bsp.onboarding.link.support.LinkServiceTestResources;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProcessedEventRetentionTest {

    @Inject
    InboxPruner pruner;

    @Test
    void forgetsProcessedEventIdsOnlyOnceTheyAreOlderThanTheRetention() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        TestDatabaseResource.update(LinkServiceTestResources.DATABASE,
                "INSERT INTO processed_events (event_id, processed_at) VALUES (?, now() - interval '31 days')", old);
        TestDatabaseResource.update(LinkServiceTestResources.DATABASE,
                "INSERT INTO processed_events (event_id, processed_at) VALUES (?, now() - interval '29 days')", recent);

        pruner.prune().await().atMost(Duration.ofSeconds(10));

        assertEquals(0L, count(old), "older than the 30 days configured");
        assertEquals(1L, count(recent), "still within the retention");
    }

    private static long count(String eventId) {
        return ((Number) TestDatabaseResource.query(LinkServiceTestResources.DATABASE,
                "SELECT count(*) AS n FROM processed_events WHERE event_id = ?", eventId).get(0).get("n")).longValue();
    }
}

package com.bsp.onboarding.eventing.inbox;

import static com.bsp.onboarding.eventing.support.EventingTestResources.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.eventing.support.EventingTestResources;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PruningProcessedEventsTest {

    @Inject
    InboxPruner pruner;
    @Inject
    InboxConfig config;

    @Test
    void forgetsEventIdsOnlyOnceTheyAreOlderThanTheRetention() {
        assertEquals(Duration.ofDays(30), config.retention(), "the default retention");
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        insert(old, "31 days");
        insert(recent, "29 days");
        insert(fresh, "0 days");

        int deleted = pruner.prune().await().atMost(Duration.ofSeconds(10));

        assertTrue(deleted >= 1, "deleted " + deleted);
        assertEquals(0, processed(old), "older than the retention: forgotten");
        assertEquals(1, processed(recent), "within the retention: kept");
        assertEquals(1, processed(fresh), "just applied: kept");
    }

    private static void insert(String eventId, String age) {
        TestDatabaseResource.update(EventingTestResources.DATABASE,
                "INSERT INTO processed_events (event_id, processed_at) VALUES (?, now() - ?::interval)", eventId, age);
    }

    private static long processed(String eventId) {
        return count("SELECT count(*) AS n FROM processed_events WHERE event_id = ?", eventId);
    }
}

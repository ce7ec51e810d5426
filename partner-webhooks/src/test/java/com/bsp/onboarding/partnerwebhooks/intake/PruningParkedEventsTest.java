package com.bsp.onboarding.partnerwebhooks.intake;

import static com.bsp.onboarding.partnerwebhooks.support.SourceEvents.id;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.partnerwebhooks.support.SourceEvents;
import com.bsp.onboarding.testing.http.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Parked events whose onboarding never becomes known are dropped after the retention (P30D); younger ones wait on. */
@QuarkusTest
class PruningParkedEventsTest {

    @Inject
    Pool pool;

    @Inject
    ParkedEventsPruner pruner;

    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void anEventParkedLongerThanTheRetentionIsDroppedAndAYoungerOneKept() {
        CloudEvent<?> old = SourceEvents.wabaStatusChanged("waba-" + id(), "ACCOUNT_VIOLATION", t0);
        CloudEvent<?> young = SourceEvents.wabaStatusChanged("waba-" + id(), "ACCOUNT_VIOLATION", t0);
        SourceEvents.provisioning(old);
        SourceEvents.provisioning(young);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> parked(old.id()) && parked(young.id()));
        // Read 31 and 29 days ago: one beyond the default retention, one within it.
        age(old.id(), 31);
        age(young.id(), 29);
        double prunedBefore = metric("partner_intake_parked_pruned_total");

        pruner.prune().await().atMost(Duration.ofSeconds(10));

        assertFalse(parked(old.id()), "an event parked beyond the retention is dropped");
        assertTrue(parked(young.id()), "an event parked within the retention waits on");
        assertTrue(metric("partner_intake_parked_pruned_total") >= prunedBefore + 1, "the drop is counted");
        assertTrue(metric("partner_intake_parked_events") >= 1, "the young event is counted as parked");
        assertTrue(metric("partner_intake_parked_oldest_seconds") >= Duration.ofDays(29).toSeconds(),
                "the oldest parked event's age is the young one's, at least");
        // The prune is repeatable: the kept one stays kept.
        pruner.prune().await().atMost(Duration.ofSeconds(10));
        assertTrue(parked(young.id()));
        assertEquals(1L, count(young.id()));
    }

    private boolean parked(String eventId) {
        return count(eventId) == 1;
    }

    private long count(String eventId) {
        return pool.preparedQuery("SELECT count(*) FROM parked_events WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private void age(String eventId, int days) {
        pool.preparedQuery("UPDATE parked_events SET parked_at = now() - make_interval(days => $2) WHERE event_id = $1")
                .execute(Tuple.of(eventId, days)).await().indefinitely();
    }

    private static double metric(String name) {
        String text = given().accept(ContentType.TEXT).when().get(Management.url("/q/metrics")).then().statusCode(200)
                .extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        assertTrue(value.find(), () -> name + " is not in /q/metrics");
        return Double.parseDouble(value.group(1));
    }
}

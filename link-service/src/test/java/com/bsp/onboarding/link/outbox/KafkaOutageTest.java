package com.bsp.onboarding.link.outbox;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.link.support.LinkApi.callback;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.link.support.LinkServiceTestResources;
import com.bsp.onboarding.link.support.TestApiKeys;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KafkaOutageTest {

    private static final int LINKS = 10;

    @Test
    void keepsIssuingAndRecordingDuringAnOutageAndDeliversEveryEventAfterwards() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        List<String> ids = new ArrayList<>();
        double failuresBefore = relayFailures();
        broker.stop();
        try {
            for (int i = 0; i < LINKS; i++) {
                ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of("partner", "outage-" + i))
                        .statusCode(201).extract();
                ids.add(link.path("id"));
                if (i % 2 == 0) {
                    callback(link.path("state"), "outage-client-" + i, "[ch-" + i + "]", null).statusCode(200);
                }
            }
            given().when().get(Management.url("/q/health/ready")).then().statusCode(200);
            // Longer than the test profile's send timeout (2 s): the relay fails, backs off and retries.
            Thread.sleep(5_000);
            long waiting = ((Number) TestDatabaseResource.query(LinkServiceTestResources.DATABASE,
                    "SELECT count(*) AS n FROM outbox_events").get(0).get("n")).longValue();
            assertTrue(waiting >= LINKS + LINKS / 2, "the events wait in the outbox while Kafka is down: " + waiting);
            assertTrue(relayFailures() > failuresBefore, "the relay tried, failed and keeps the events");
        } finally {
            broker.start();
        }

        List<ConsumerRecord<String, String>> events = TopicReader.await(Topics.IO_LINK_EVENTS,
                r -> ids.stream().anyMatch(id -> r.value().contains(id)), LINKS + LINKS / 2, Duration.ofSeconds(60));
        Set<String> issuedFor = linkIdsOfType(events, ids, LinkEventTypes.LINK_ISSUED);
        Set<String> completedFor = linkIdsOfType(events, ids, LinkEventTypes.ONBOARDING_COMPLETED);
        assertEquals(Set.copyOf(ids), issuedFor, "every link issued during the outage was announced");
        assertEquals(LINKS / 2, completedFor.size(), "every callback recorded during the outage was announced");
    }

    private static double relayFailures() {
        String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("outbox_relay_failures_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Set<String> linkIdsOfType(List<ConsumerRecord<String, String>> events, List<String> ids, String type) {
        return events.stream()
                .filter(r -> r.value().contains(type))
                .flatMap(r -> ids.stream().filter(id -> r.value().contains(id)))
                .collect(Collectors.toSet());
    }
}

package com.bsp.onboarding.link.callback;

import static com.bsp.onboarding.link.support.LinkApi.callback;
import static com.bsp.onboarding.link.support.LinkApi.get;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static com.bsp.onboarding.link.support.LinkApi.queryOf;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.link.support.LinkServiceTestResources;
import com.bsp.onboarding.link.support.TestApiKeys;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CompletingOnboardingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordsTheRedirectForwardsTheBrowserAndAnnouncesTheOutcome() throws Exception {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of(
                "state", "partner-ref-1", "partner", "tenant-1",
                "redirect_url", "https://app.partner.example/done?tenant=1")).statusCode(201).extract();
        String id = link.path("id");

        String location = callback(link.path("state"), "client-77", "[ch-1,ch-2]", "[ch-0]")
                .statusCode(303).extract().header("Location");

        assertTrue(location.startsWith("https://app.partner.example/done?tenant=1&"), location);
        Map<String, String> outcome = queryOf(location);
        assertEquals("completed", outcome.get("status"));
        assertEquals(id, outcome.get("link_id"));
        assertEquals("client-77", outcome.get("client"));
        assertEquals("[ch-1,ch-2]", outcome.get("channels"));
        assertEquals("[ch-0]", outcome.get("revoked"));
        assertEquals("partner-ref-1", outcome.get("state"));

        get(TestApiKeys.ALPHA, id).statusCode(200)
                .body("status", equalTo("completed"))
                .body("client_id", equalTo("client-77"))
                .body("channels", contains("ch-1", "ch-2"))
                .body("revoked_channels", contains("ch-0"));

        List<ConsumerRecord<String, String>> events = TopicReader.await(Topics.IO_LINK_EVENTS,
                r -> r.value().contains(id), 2, Duration.ofSeconds(20));
        JsonNode issued = eventOfType(events, LinkEventTypes.LINK_ISSUED);
        JsonNode completed = eventOfType(events, LinkEventTypes.ONBOARDING_COMPLETED);

        assertEquals("1.0", completed.get("specversion").asText());
        assertEquals(LinkEventTypes.SOURCE, completed.get("source").asText());
        assertEquals(id, completed.get("subject").asText());
        assertEquals("application/json", completed.get("datacontenttype").asText());
        JsonNode data = completed.get("data");
        assertEquals("client-77", data.get("client_id").asText());
        assertEquals("[\"ch-1\",\"ch-2\"]", data.get("channels").toString());
        assertEquals("[\"ch-0\"]", data.get("revoked_channels").toString());
        assertEquals("tenant-1", data.get("partner_payload").asText());
        assertEquals("aAbBcCPA", data.get("partner_id").asText());
        assertEquals(id, issued.get("data").get("link_id").asText());

        ConsumerRecord<String, String> completedRecord = events.stream()
                .filter(r -> r.value().contains(LinkEventTypes.ONBOARDING_COMPLETED)).findFirst().orElseThrow();
        assertEquals("client-77", completedRecord.key(), "keyed by client so one client's events stay in order");
        assertEquals(CloudEvent.CONTENT_TYPE,
                new String(completedRecord.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        assertTrue(!completedRecord.value().contains("io_signature") && !completedRecord.value().contains("@"),
                "events carry neither the signature nor the customer's email");
    }

    @Test
    void showsAResultPageWhenTheCallerGaveNoRedirectTarget() {
        String state = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract().path("state");
        callback(state, "client-1", "[ch-9]", null)
                .statusCode(200).contentType(containsString("text/html"))
                .body(containsString("connected"));
    }

    @Test
    void refusesAReplayedStateWithAnErrorPageAndNoSecondEvent() {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        String id = link.path("id");
        callback(link.path("state"), "client-5", "[ch-5]", null).statusCode(200);

        callback(link.path("state"), "client-6", "[ch-6]", null)
                .statusCode(409).contentType(containsString("text/html")).body(containsString("already completed"));

        get(TestApiKeys.ALPHA, id).statusCode(200).body("client_id", equalTo("client-5"));
        awaitOutboxDrained();
        assertEquals(1, TopicReader.readAll(Topics.IO_LINK_EVENTS).stream()
                .filter(r -> r.value().contains(id) && r.value().contains(LinkEventTypes.ONBOARDING_COMPLETED)).count());
    }

    @Test
    void completesALinkOnceWhenRedirectsWithItsStateRace() throws Exception {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        String id = link.path("id");
        String state = link.path("state");
        int redirects = 8;
        ExecutorService browsers = Executors.newFixedThreadPool(redirects);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < redirects; i++) {
                String client = "racing-client-" + i;
                statuses.add(browsers.submit(() -> {
                    start.await();
                    return callback(state, client, "[ch-r]", null).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, answers.stream().filter(s -> s == 200).count(), "one redirect completes the link: " + answers);
            assertEquals(redirects - 1, answers.stream().filter(s -> s == 409).count(), "the others are replays: " + answers);
        } finally {
            browsers.shutdownNow();
        }

        get(TestApiKeys.ALPHA, id).statusCode(200).body("status", equalTo("completed"));
        awaitOutboxDrained();
        assertEquals(1, TopicReader.readAll(Topics.IO_LINK_EVENTS).stream()
                .filter(r -> r.value().contains(id) && r.value().contains(LinkEventTypes.ONBOARDING_COMPLETED)).count());
    }

    @Test
    void refusesAnUnknownStateWithAnErrorPage() {
        callback("no-such-state-0123456789", "client-1", "[ch-1]", null)
                .statusCode(404).contentType(containsString("text/html")).body(containsString("not known"));
    }

    @Test
    void refusesAnExpiredLinkWithAnErrorPageAndNoEvent() {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        String id = link.path("id");
        TestDatabaseResource.query(LinkServiceTestResources.DATABASE,
                "UPDATE links SET expires_at = now() - interval '1 second' WHERE id = ?::uuid RETURNING id", id);

        get(TestApiKeys.ALPHA, id).statusCode(200).body("status", equalTo("expired"));
        callback(link.path("state"), "client-1", "[ch-1]", null)
                .statusCode(410).contentType(containsString("text/html")).body(containsString("expired"));

        get(TestApiKeys.ALPHA, id).statusCode(200).body("status", equalTo("expired")).body("client_id", equalTo(null));
        awaitOutboxDrained();
        assertEquals(0, TopicReader.readAll(Topics.IO_LINK_EVENTS).stream()
                .filter(r -> r.value().contains(id) && r.value().contains(LinkEventTypes.ONBOARDING_COMPLETED)).count());
    }

    @Test
    void refusesAMalformedRedirectAndLeavesTheLinkUsable() {
        String state = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract().path("state");
        callback(state, "client-1", "[ch-1,bad id]", null).statusCode(400).contentType(containsString("text/html"));
        callback(state, null, "[ch-1]", null).statusCode(400);
        callback(state, "client-1", "[ch-1", null).statusCode(400);

        callback(state, "client-1", "[ch-1]", null).statusCode(200);
    }

    @Test
    void acceptsARedirectWithoutChannelsAndToleratesQuotedIds() {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        callback(link.path("state"), "client-2", "[\"ch-a\", \"ch-b\"]", "[]").statusCode(200);
        get(TestApiKeys.ALPHA, link.path("id")).body("channels", contains("ch-a", "ch-b"));

        ExtractableResponse<Response> bare = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        callback(bare.path("state"), "client-3", null, null).statusCode(200);
        get(TestApiKeys.ALPHA, bare.path("id")).body("status", equalTo("completed")).body("channels.size()", equalTo(0));
    }

    private static JsonNode eventOfType(List<ConsumerRecord<String, String>> records, String type) throws Exception {
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = JSON.readTree(record.value());
            if (type.equals(event.get("type").asText())) {
                return event;
            }
        }
        throw new AssertionError("No " + type + " event among " + records.size());
    }

    static void awaitOutboxDrained() {
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) TestDatabaseResource
                .query(LinkServiceTestResources.DATABASE, "SELECT count(*) AS n FROM outbox_events").get(0).get("n")).longValue() == 0);
    }
}

package com.bsp.onboarding.link.progress;

import com.bsp.onboarding.testing.http.Management;
import static com.bsp.onboarding.link.support.LinkApi.callback;
import static com.bsp.onboarding.link.support.LinkApi.get;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static com.bsp.onboarding.link.support.ProgressEvents.failed;
import static com.bsp.onboarding.link.support.ProgressEvents.hubEvent;
import static com.bsp.onboarding.link.support.ProgressEvents.provisioned;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioned;
import com.bsp.onboarding.contracts.webhook.Dialog360WebhookEvent;
import com.bsp.onboarding.link.support.KafkaEvents;
import com.bsp.onboarding.link.support.LinkServiceTestResources;
import com.bsp.onboarding.link.support.ProgressEvents;
import com.bsp.onboarding.link.support.TestApiKeys;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FollowingOnboardingProgressTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Test
    void showsAChannelProvisionedAfterItRunsAtTheHubAndIsProvisioned() {
        String client = unique("client");
        String channel = unique("ch");
        String id = completedLink(client, channel);
        get(TestApiKeys.ALPHA, id).statusCode(200)
                .body("onboarding.status", equalTo("provisioning"))
                .body("onboarding.channels.id", contains(channel))
                .body("onboarding.channels[0].provisioning", equalTo("pending"));

        Instant running = now();
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, hubEvent(client, channel, "channel_running", "running", running));
        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.channels[0].hub_event", equalTo("channel_running")));
        get(TestApiKeys.ALPHA, id)
                .body("onboarding.status", equalTo("provisioning"))
                .body("onboarding.channels[0].hub_status", equalTo("running"))
                .body("onboarding.channels[0].hub_event_at", equalTo(running.toString()))
                .body("onboarding.channels[0].provisioning", equalTo("pending"));

        Instant provisionedAt = now();
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, provisioned(client, channel, provisionedAt, "c2VhbGVkLWtleQ"));
        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.status", equalTo("provisioned")));
        get(TestApiKeys.ALPHA, id)
                .body("status", equalTo("completed"))
                .body("client_id", equalTo(client))
                .body("channels", contains(channel))
                .body("onboarding.channels[0].provisioning", equalTo("provisioned"))
                .body("onboarding.channels[0].provisioned_at", equalTo(provisionedAt.toString()))
                .body("onboarding.channels[0].hub_status", equalTo("running"))
                .body("onboarding.channels[0]", not(hasKey("error")));
    }

    @Test
    void showsAFailedChannelWithTheErrorThePartnerApiGave() {
        String client = unique("client");
        String good = unique("ch");
        String bad = unique("ch");
        String id = completedLink(client, good, bad);

        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, provisioned(client, good, now(), "c2VhbGVk"));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, failed(client, bad, "set_webhook",
                new ProvisioningError(400, 1007, null, "invalid_request", "Webhook URL not reachable", null), now()));

        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.status", equalTo("failed")));
        get(TestApiKeys.ALPHA, id)
                .body("onboarding.channels.id", contains(good, bad))
                .body("onboarding.channels.provisioning", contains("provisioned", "failed"))
                .body("onboarding.channels[1].error.step", equalTo("set_webhook"))
                .body("onboarding.channels[1].error.http_status", equalTo(400))
                .body("onboarding.channels[1].error.code", equalTo(1007))
                .body("onboarding.channels[1].error.message", equalTo("Webhook URL not reachable"))
                .body("onboarding.channels[1]", not(hasKey("provisioned_at")));
    }

    @Test
    void appliesAnEventDeliveredThreeTimesOnlyOnce() {
        String client = unique("client");
        String channel = unique("ch");
        String marker = unique("ch");
        String id = completedLink(client, channel, marker);
        var running = hubEvent(client, channel, "channel_running", "running", now());
        var done = provisioned(client, channel, now(), "c2VhbGVk");

        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, running);
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, done);
        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.channels[0].hub_event", equalTo("channel_running"))
                .body("onboarding.channels[0].provisioning", equalTo("provisioned")));
        Object updatedAt = progressRow(channel).get("updated_at");
        double duplicatesBefore = progressEvents("duplicate");

        for (int i = 0; i < 2; i++) {
            KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, running);
            KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, done);
        }
        // Same key, so same partitions: once these later events show, the redeliveries before them were handled.
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, hubEvent(client, marker, "channel_live", "live", now()));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, provisioned(client, marker, now(), "c2VhbGVk"));
        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.status", equalTo("provisioned"))
                .body("onboarding.channels[1].hub_event", equalTo("channel_live")));

        assertEquals(updatedAt, progressRow(channel).get("updated_at"), "the redeliveries changed nothing");
        assertEquals(1L, countRows("SELECT count(*) AS n FROM processed_events WHERE event_id = ?", running.id()));
        assertEquals(1L, countRows("SELECT count(*) AS n FROM processed_events WHERE event_id = ?", done.id()));
        assertEquals(1L, countRows("SELECT count(*) AS n FROM channel_progress WHERE channel_id = ?", channel));
        assertTrue(progressEvents("duplicate") - duplicatesBefore >= 4, "the four redeliveries are counted as duplicates");
    }

    @Test
    void showsProgressThatArrivedBeforeTheRedirect() {
        String client = unique("client");
        String channel = unique("ch");
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        String id = link.path("id");
        Instant ready = now();

        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, hubEvent(client, channel, "channel_ready", "ready", ready));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, provisioned(client, channel, now(), "c2VhbGVk"));
        await().atMost(EVENTUALLY).until(() -> {
            Map<String, Object> row = progressRowOrNull(channel);
            return row != null && row.get("hub_event") != null && "provisioned".equals(row.get("provisioning"));
        });
        get(TestApiKeys.ALPHA, id).statusCode(200).body("status", equalTo("issued")).body("$", not(hasKey("onboarding")));

        callback(link.path("state"), client, "[" + channel + "]", null).statusCode(200);
        get(TestApiKeys.ALPHA, id).statusCode(200).body("onboarding.status", equalTo("provisioning"))
                .body("onboarding.channels[0].claim", equalTo("claimed")).body("onboarding.channels[0]", not(hasKey("hub_status")));
        confirm(id, client, channel);

        get(TestApiKeys.ALPHA, id).statusCode(200)
                .body("onboarding.status", equalTo("provisioned"))
                .body("onboarding.channels[0].id", equalTo(channel))
                .body("onboarding.channels[0].hub_event", equalTo("channel_ready"))
                .body("onboarding.channels[0].hub_status", equalTo("ready"))
                .body("onboarding.channels[0].hub_event_at", equalTo(ready.toString()));
    }

    @Test
    void showsTheChannelStatusWebhookIngestTypedNotTheOneInTheRawBody() {
        String client = unique("client");
        String typedOnly = unique("ch");
        String rawOnly = unique("ch");
        String id = completedLink(client, typedOnly, rawOnly);

        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                retyped(hubEvent(client, typedOnly, "channel_ready", null, now()), typedOnly, "ready"));
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                retyped(hubEvent(client, rawOnly, "channel_ready", "ready", now()), rawOnly, null));

        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.channels.find { it.id == '" + rawOnly + "' }.hub_event", equalTo("channel_ready")));
        get(TestApiKeys.ALPHA, id)
                .body("onboarding.channels.find { it.id == '" + typedOnly + "' }.hub_status", equalTo("ready"))
                .body("onboarding.channels.find { it.id == '" + rawOnly + "' }", not(hasKey("hub_status")));
    }

    @Test
    void keepsTheNewerStateWhenAnOlderEventArrivesLate() {
        String client = unique("client");
        String channel = unique("ch");
        String marker = unique("ch");
        String id = completedLink(client, channel, marker);
        Instant t = now();

        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, hubEvent(client, channel, "channel_running", "running", t));
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                hubEvent(client, channel, "channel_submitted", "pending", t.minusSeconds(60)));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, provisioned(client, channel, t, "c2VhbGVk"));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, failed(client, channel, "create_api_key",
                new ProvisioningError(503, null, null, null, "Partner API unavailable", null), t.minusSeconds(3600)));
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, hubEvent(client, marker, "channel_created", null, t));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, provisioned(client, marker, t, "c2VhbGVk"));

        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.channels[1].hub_event", equalTo("channel_created"))
                .body("onboarding.channels[1].provisioning", equalTo("provisioned")));
        get(TestApiKeys.ALPHA, id)
                .body("onboarding.status", equalTo("provisioned"))
                .body("onboarding.channels[0].hub_event", equalTo("channel_running"))
                .body("onboarding.channels[0].hub_status", equalTo("running"))
                .body("onboarding.channels[0].provisioning", equalTo("provisioned"))
                .body("onboarding.channels[1]", not(hasKey("hub_status")));
    }

    @Test
    void skipsUnknownEventsAndMalformedRecordsWithoutBlockingLaterEvents() {
        String client = unique("client");
        String channel = unique("ch");
        String id = completedLink(client, channel);
        double malformedBefore = progressEvents("malformed");
        double ignoredBefore = progressEvents("ignored");

        // All keyed by the client, so they share a partition with the valid events after them.
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                hubEvent(client, channel, "channel_teleported", "elsewhere", now().plusSeconds(60)));
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, "{not json");
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, "{\"type\":\"com.bsp.onboarding.360dialog.channel_live\"}");
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, hubEventWithoutChannel(client));
        // Valid JSON PostgreSQL refuses to store (a NUL character): the database rejects it the same way every time.
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, hubEvent(client, channel, "channel_running", "run\u0000ning", now()));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, "garbage");
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, "{\"id\":\"x-1\",\"type\":\""
                + ProvisioningEventTypes.CHANNEL_PROVISIONED + "\",\"data\":{\"channel_id\":[1,2]}}");
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, CloudEvent.of(UUID.randomUUID().toString(),
                ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.WABA_PROVISIONED, "waba-1", now(),
                new WabaProvisioned("waba-1", "alpha", null, null, null, "shared", null, "registered", null, now(), false, null, null)));

        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, hubEvent(client, channel, "channel_live", "live", now()));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, provisioned(client, channel, now(), "c2VhbGVk"));

        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.status", equalTo("provisioned"))
                .body("onboarding.channels[0].hub_event", equalTo("channel_live"))
                .body("onboarding.channels[0].hub_status", equalTo("live")));
        assertTrue(progressEvents("malformed") - malformedBefore >= 6, "malformed records are counted");
        assertTrue(progressEvents("ignored") - ignoredBefore >= 2, "the unknown and the WABA event are skipped");
    }

    @Test
    void neverShowsStoresOrLogsTheSealedApiKey() throws Exception {
        String client = unique("client");
        String channel = unique("ch");
        String sealed = "U0VBTEVELUFQSS1LRVktJ" + UUID.randomUUID().toString().replace("-", "");
        String id = completedLink(client, channel);

        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, provisioned(client, channel, now(), sealed));
        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id)
                .body("onboarding.status", equalTo("provisioned")));

        String body = get(TestApiKeys.ALPHA, id).extract().asString();
        assertFalse(body.contains(sealed) || body.contains("api_key") || body.contains("transport-1"), body);
        assertFalse(progressRow(channel).toString().contains(sealed));
        assertFalse(Files.readString(Path.of("target", "link-service-test.log")).contains(sealed));
    }

    @Test
    void showsOnboardingOnlyOnceCompletedAndAwaitsChannelsWhenNoneWasGranted() {
        ExtractableResponse<Response> issued = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        get(TestApiKeys.ALPHA, issued.path("id")).body("$", not(hasKey("onboarding")));

        callback(issued.path("state"), unique("client"), null, null).statusCode(200);
        get(TestApiKeys.ALPHA, issued.path("id"))
                .body("onboarding.status", equalTo("awaiting_channels"))
                .body("onboarding.channels.size()", equalTo(0));

        String granted = unique("ch");
        String revoked = unique("ch");
        ExtractableResponse<Response> partial = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        callback(partial.path("state"), unique("client"), "[" + granted + "]", "[" + revoked + "]").statusCode(200);
        get(TestApiKeys.ALPHA, partial.path("id"))
                .body("onboarding.channels.id", contains(granted))
                .body("onboarding.channels[0].hub_event", nullValue());
    }

    @Test
    void documentsTheOnboardingProgressInTheOpenApiDocument() {
        given().queryParam("format", "json").when().get(Management.url("/q/openapi")).then().statusCode(200)
                .body("components.schemas.Link.properties", hasKey("onboarding"))
                .body("components.schemas.OnboardingProgress.properties.status.enum",
                        contains("awaiting_channels", "provisioning", "provisioned", "failed", "refused"))
                .body("components.schemas.ChannelProgress.properties", hasKey("hub_status"))
                .body("components.schemas.ChannelProgress.properties.provisioning.enum",
                        contains("pending", "provisioned", "failed"));
    }

    @Test
    void staysLiveWithTheConsumersRunningAndLeavesReadinessToTheDatabase() {
        given().when().get(Management.url("/q/health/live")).then().statusCode(200)
                .body(containsString(ProgressEventConsumer.HUB_EVENTS_IN))
                .body(containsString(ProgressEventConsumer.PROVISIONING_EVENTS_IN));
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200)
                .body(not(containsString(ProgressEventConsumer.HUB_EVENTS_IN)));
    }

    /**
     * A link of hub alpha, issued and completed through the redirect with {@code channels} granted, each claim confirmed
     * by waba-provisioner.
     */
    static String completedLink(String client, String... channels) {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        callback(link.path("state"), client, "[" + String.join(",", channels) + "]", null).statusCode(200);
        String id = link.path("id");
        confirm(id, client, channels);
        return id;
    }

    static void confirm(String linkId, String client, String... channels) {
        for (String channel : channels) {
            KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, ProgressEvents.claimDecided(linkId, client, channel, "grant", "confirmed", null));
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, linkId).body("onboarding.claims", equalTo("confirmed")));
    }

    private static CloudEvent<Dialog360WebhookEvent> hubEventWithoutChannel(String client) {
        CloudEvent<Dialog360WebhookEvent> event = hubEvent(client, "unused", "channel_running", "running", now());
        return retyped(event, null, event.data().channelStatus());
    }

    /** The same webhook (same body) as if webhook-ingest had typed {@code channelId} and {@code channelStatus} so. */
    private static CloudEvent<Dialog360WebhookEvent> retyped(CloudEvent<Dialog360WebhookEvent> event, String channelId,
            String channelStatus) {
        Dialog360WebhookEvent data = event.data();
        return CloudEvent.of(event.id(), event.source(), event.type(), event.subject(), event.time(),
                new Dialog360WebhookEvent(data.rawId(), data.partnerId(), data.event(), data.clientId(), channelId, channelStatus,
                        data.payload()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static Map<String, Object> progressRow(String channel) {
        Map<String, Object> row = progressRowOrNull(channel);
        if (row == null) {
            throw new AssertionError("no progress row for " + channel);
        }
        return row;
    }

    private static Map<String, Object> progressRowOrNull(String channel) {
        List<Map<String, Object>> rows = TestDatabaseResource.query(LinkServiceTestResources.DATABASE,
                "SELECT * FROM channel_progress WHERE partner_id = ? AND channel_id = ?", ProgressEvents.PARTNER, channel);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static long countRows(String sql, Object... params) {
        return ((Number) TestDatabaseResource.query(LinkServiceTestResources.DATABASE, sql, params).get(0).get("n"))
                .longValue();
    }

    /** {@code progress_events_total} of one outcome, summed over both topics. */
    private static double progressEvents(String outcome) {
        String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("progress_events_total{") && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}

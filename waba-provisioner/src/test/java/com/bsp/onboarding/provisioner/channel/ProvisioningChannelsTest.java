package com.bsp.onboarding.provisioner.channel;

import static com.bsp.onboarding.provisioner.support.OpsApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.contracts.crypto.SecretSealer;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.provisioner.support.ProvisionerTestResources;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProvisioningChannelsTest {

    static final String PARTNER = "aAbBcCPA";

    @ConfigProperty(name = ProviderEmulatorResource.URL_PROPERTY)
    String emulatorUrl;

    private EmulatorAdmin emulator() {
        return new EmulatorAdmin(emulatorUrl);
    }

    @AfterEach
    void clearFaults() {
        emulator().clearFaults();
    }

    @Test
    void aGrantedRunningChannelGetsItsApiKeyAndWebhookAndIsAnnounced() throws Exception {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);

        InputTopics.send(Topics.IO_LINK_EVENTS, client, InputTopics.onboardingCompleted(PARTNER, client, List.of(channel), List.of()));
        // The redirect is a claim: the channel is permitted once 360Dialog's webhook names its client.
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, InputTopics.channelEvent(PARTNER, client, channel, "channel_created", "pending"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/v1/channels/{p}/{c}", PARTNER, channel)
                .then().statusCode(200).body("status", is("waiting")).body("permitted", is(true)).body("running", is(false)));
        // A direct payment hub waits for the channel to run: keys can only be made for running channels.
        assertEquals(0, emulator().count("create_api_key", channel));

        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                InputTopics.channelEvent(PARTNER, client, channel, "channel_running", "running"));

        JsonPath view = awaitChannelStatus(channel, "provisioned");
        assertEquals("https://ingest.test.example/webhooks/360dialog/" + PARTNER + "/channels/" + channel, view.getString("webhook_url"));
        EmulatorAdmin dialog360 = emulator();
        List<JsonNode> keyCalls = dialog360.calls("create_api_key", channel);
        assertEquals(1, keyCalls.size());
        assertEquals("partner-api-key-for-tests", keyCalls.get(0).path("authorization").asText());
        JsonNode webhook = InputTopics.JSON.readTree(dialog360.calls("set_webhook", null).stream()
                .filter(c -> c.path("body").asText().contains(channel)).findFirst().orElseThrow().path("body").asText());
        assertEquals(view.getString("webhook_url"), webhook.path("url").asText());
        assertEquals(channelAuth("channel-webhook-key-for-tests", PARTNER, channel), webhook.path("headers").path("X-Channel-Auth").asText(),
                "the channel's own value, derived from the hub key, partner and channel");

        ConsumerRecord<String, String> event = TopicReader.await(Topics.PROVISIONING_EVENTS,
                r -> client.equals(r.key()) && r.value().contains(ProvisioningEventTypes.CHANNEL_PROVISIONED), 1, Duration.ofSeconds(10)).get(0);
        JsonNode data = InputTopics.JSON.readTree(event.value()).path("data");
        EncryptedSecret sealed = InputTopics.JSON.treeToValue(data.path("api_key"), EncryptedSecret.class);
        assertEquals(ProvisionerTestResources.CHANNEL_KEY_TRANSPORT_KEY_ID, sealed.keyId(), "sealed with the channel-key ring");
        String apiKey = InputTopics.CHANNEL_KEYS.open("alpha", channel, sealed);
        assertThrows(SecretSealer.SecretUnreadableException.class, () -> InputTopics.CHANNEL_KEYS.open("sharing", channel, sealed),
                "not as another hub's channel key");
        assertThrows(SecretSealer.SecretUnreadableException.class, () -> InputTopics.BUSINESS_TOKENS.open("alpha", channel, sealed),
                "nor as a business token");
        assertEquals(dialog360.calls("set_webhook", null).stream().filter(c -> c.path("body").asText().contains(channel)).findFirst()
                .orElseThrow().path("authorization").asText(), apiKey, "the webhook was set with the key the event carries");
        assertFalse(event.value().contains(apiKey), "the key travels sealed");
        assertFalse(view.prettify().contains(apiKey), "ops never see the key");
    }

    @Test
    void theRepointingMigrationSetsAProvisionedChannelsWebhookAgainWithItsOwnValue() throws Exception {
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        provisioned("client-" + UUID.randomUUID().toString().substring(0, 8), channel);
        // As a channel set with the old shared value would be: the statement of migration V5_1, limited to this channel.
        String migration;
        try (var in = getClass().getResourceAsStream("/db/migration/V5_1__repoint_channel_webhooks.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String statement = migration.lines().filter(line -> !line.startsWith("--")).collect(java.util.stream.Collectors.joining("\n"))
                .strip().replaceFirst(";$", "") + " AND channel_id = ?";
        assertEquals(1, TestDatabaseResource.update(ProvisionerTestResources.DATABASE, statement, channel));

        await().atMost(Duration.ofSeconds(10)).until(() -> emulator().calls("set_webhook", null).stream()
                .filter(c -> c.path("body").asText().contains(channel)).count() == 2);
        awaitChannelStatus(channel, "provisioned");
        for (JsonNode call : emulator().calls("set_webhook", null).stream().filter(c -> c.path("body").asText().contains(channel)).toList()) {
            assertEquals(channelAuth("channel-webhook-key-for-tests", PARTNER, channel),
                    InputTopics.JSON.readTree(call.path("body").asText()).path("headers").path("X-Channel-Auth").asText());
        }
        assertEquals(1, emulator().count("create_api_key", channel), "the stored key is reused");
    }

    @Test
    void aChannelRunningBeforeTheRedirectIsProvisionedOnceTheRedirectGrantsIt() {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        CloudEvent<?> running = InputTopics.channelEvent(PARTNER, client, channel, "channel_live", "live");

        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, running);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/v1/channels/{p}/{c}", PARTNER, channel)
                .then().statusCode(200).body("status", is("waiting")).body("running", is(true)));
        CloudEvent<?> completed = InputTopics.onboardingCompleted(PARTNER, client, List.of(channel), List.of());
        for (int i = 0; i < 3; i++) {
            InputTopics.send(Topics.IO_LINK_EVENTS, client, completed);
            InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, running);
        }

        awaitChannelStatus(channel, "provisioned");
        assertEquals(1, emulator().count("create_api_key", channel));
    }

    @Test
    void whetherAChannelRunsIsReadFromTheStatusWebhookIngestTypedNotFromTheRawBody() {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String typedRunning = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        String rawRunning = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        InputTopics.send(Topics.IO_LINK_EVENTS, client,
                InputTopics.onboardingCompleted(PARTNER, client, List.of(typedRunning, rawRunning), List.of()));
        // An event name that says nothing about running: only the status can.
        String event = "channel_status_updated";

        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, InputTopics.channelEvent(PARTNER, client, rawRunning, event, "ready",
                rawChannel(event, rawRunning, "running")));
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, InputTopics.channelEvent(PARTNER, client, typedRunning, event, "running",
                rawChannel(event, typedRunning, null)));

        JsonPath provisioned = awaitChannelStatus(typedRunning, "provisioned");
        assertEquals("running", provisioned.getString("hub_status"));
        given().when().get("/v1/channels/{p}/{c}", PARTNER, rawRunning).then().statusCode(200)
                .body("status", is("waiting")).body("running", is(false)).body("hub_status", is("ready"));
        assertEquals(0, emulator().count("create_api_key", rawRunning));
    }

    /** A channel webhook's body as 360Dialog sends it, with {@code data.status} only where given. */
    /** Grants channel {@code channel} of {@code client} on a redirect, reports it running, and waits until it is provisioned. */
    static void provisioned(String client, String channel) {
        InputTopics.send(Topics.IO_LINK_EVENTS, client, InputTopics.onboardingCompleted(PARTNER, client, List.of(channel), List.of()));
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                InputTopics.channelEvent(PARTNER, client, channel, "channel_running", "running"));
        awaitChannelStatus(channel, "provisioned");
    }

    /** What webhook-ingest expects of the channel: base64url(HMAC-SHA256(hub key, "channel-webhook" NUL partner NUL channel)). */
    static String channelAuth(String hubKey, String partnerId, String channelId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hubKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(("channel-webhook\0" + partnerId + "\0" + channelId).getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode rawChannel(String event, String channel, String status) {
        ObjectNode body = InputTopics.JSON.createObjectNode().put("event", event);
        ObjectNode data = body.putObject("data").put("id", channel);
        if (status != null) {
            data.put("status", status);
        }
        return body;
    }

    @Test
    void aRevokedChannelIsNeverProvisionedAndAFailingOneCanBeRetried() {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String revoked = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        String failing = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        emulator().failNextOn("create_api_key", failing, 1, 403, null);

        InputTopics.send(Topics.IO_LINK_EVENTS, client, InputTopics.onboardingCompleted(PARTNER, client, List.of(failing), List.of(revoked)));
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, InputTopics.channelEvent(PARTNER, client, revoked, "channel_running", "running"));
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, InputTopics.channelEvent(PARTNER, client, failing, "channel_running", "running"));

        JsonPath failed = awaitChannelStatus(failing, "failed");
        assertEquals(403, failed.getInt("last_error.http_status"));
        given().when().get("/v1/channels/{p}/{c}", PARTNER, revoked).then().body("status", is("revoked"));
        assertEquals(0, emulator().count("create_api_key", revoked));
        TopicReader.await(Topics.PROVISIONING_EVENTS,
                r -> client.equals(r.key()) && r.value().contains(ProvisioningEventTypes.CHANNEL_PROVISIONING_FAILED), 1, Duration.ofSeconds(10));

        given().when().post("/v1/channels/{p}/{c}/retry", PARTNER, failing).then().statusCode(200);
        awaitChannelStatus(failing, "provisioned");
        given().when().post("/v1/channels/{p}/{c}/retry", PARTNER, failing).then().statusCode(409);
    }

    @Test
    void aChannelRevokedAfterItWasProvisionedLosesItsWebhookAndItsStoredKeyOnce() {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        provisioned(client, channel);
        assertEquals("https://ingest.test.example/webhooks/360dialog/" + PARTNER + "/channels/" + channel,
                emulator().channel(channel).path("webhook").path("url").asText());

        for (int i = 0; i < 3; i++) {
            InputTopics.send(Topics.IO_LINK_EVENTS, client, InputTopics.onboardingCompleted(PARTNER, client, List.of(), List.of(channel)));
        }

        JsonPath view = awaitChannelStatus(channel, "revoked");
        assertEquals(null, view.getString("webhook_url"));
        assertEquals(true, view.getString("revoked_at") != null);
        JsonNode atDialog360 = emulator().channel(channel);
        assertEquals(true, atDialog360.path("webhook").isNull(), atDialog360.toString());
        List<JsonNode> emptied = emulator().calls("set_webhook", null).stream()
                .filter(c -> c.path("authorization").asText().contains(channel) && c.path("body").asText().contains("\"url\":\"\"")).toList();
        assertEquals(1, emptied.size(), "the webhook was emptied once, with the channel's key");
        List<ConsumerRecord<String, String>> events = TopicReader.await(Topics.PROVISIONING_EVENTS,
                r -> client.equals(r.key()) && r.value().contains(ProvisioningEventTypes.CHANNEL_DEPROVISIONED), 1, Duration.ofSeconds(10));
        assertEquals(1, events.size());
        assertEquals(true, events.get(0).value().contains("\"webhook\":\"removed\""), events.get(0).value());
        // A revocation after the de-provisioning changes nothing (the inbox drops the same event; a new one finds it revoked).
        InputTopics.send(Topics.IO_LINK_EVENTS, client, InputTopics.onboardingCompleted(PARTNER, client, List.of(), List.of(channel)));
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                InputTopics.channelEvent(PARTNER, client, channel, "channel_running", "running"));
        awaitChannelStatus(channel, "revoked");
        assertEquals(1, emulator().count("create_api_key", channel), "a revoked channel is not provisioned again");
    }

    @Test
    void dialog360ViolationsAndRestrictionsAreKeptPerChannelAndAnnouncedOnce() {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode payload = InputTopics.JSON.createObjectNode().put("id", "wh-" + channel).put("event", "account_violation");
        payload.putObject("data").put("channel_id", channel).put("client_id", client).put("violation_type", "SPAM");

        for (int i = 0; i < 3; i++) {
            InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                    InputTopics.channelEvent(PARTNER, client, channel, "account_violation", null, payload));
        }

        // Sent last on the client's partition: once it is kept, the three before it were applied.
        ObjectNode restriction = InputTopics.JSON.createObjectNode().put("id", "wh2-" + channel).put("event", "account_restriction");
        restriction.putObject("data").put("channel_id", channel).put("client_id", client);
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client,
                InputTopics.channelEvent(PARTNER, client, channel, "account_restriction", null, restriction));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().when().get("/v1/channels/{p}/{c}", PARTNER, channel).then()
                .statusCode(200).body("account_events.account_violation.payload.data.violation_type", is("SPAM"))
                .body("account_events.account_restriction.id", is("wh2-" + channel)));
        List<ConsumerRecord<String, String>> events = TopicReader.await(Topics.PROVISIONING_EVENTS,
                r -> client.equals(r.key()) && r.value().contains(ProvisioningEventTypes.CHANNEL_STATUS_CHANGED), 2, Duration.ofSeconds(10));
        assertEquals(1, events.stream().filter(r -> r.value().contains("\"account_violation\"")).count());
        assertEquals(1, events.stream().filter(r -> r.value().contains("\"account_restriction\"")).count());
    }

    static JsonPath awaitChannelStatus(String channel, String status) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> given()
                .when().get("/v1/channels/{p}/{c}", PARTNER, channel).then().statusCode(200).body("status", is(status)));
        return given().when().get("/v1/channels/{p}/{c}", PARTNER, channel).then().extract().jsonPath();
    }
}

package com.bsp.onboarding.provisioner.channel;

import static com.bsp.onboarding.provisioner.channel.ProvisioningChannelsTest.PARTNER;
import static com.bsp.onboarding.provisioner.channel.ProvisioningChannelsTest.awaitChannelStatus;
import static com.bsp.onboarding.provisioner.channel.ProvisioningChannelsTest.provisioned;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.http.auth.Sha256;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.provisioner.support.OpsApi;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.bsp.onboarding.testing.http.Management;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** GET /v1/channels/{id}/api-key and its rotation: only with a hub's credentials key, every attempt audited. */
@QuarkusTest
class HandingChannelKeysToTheirHubTest {

    static final String HUB_KEY = "alpha-hub-key-for-tests";
    static final String CREDENTIALS_KEY = "alpha-credentials-key-for-tests";
    static final String OTHER_HUB_CREDENTIALS_KEY = "sharing-credentials-key-for-tests";

    @ConfigProperty(name = ProviderEmulatorResource.URL_PROPERTY)
    String emulatorUrl;

    @Test
    void aCredentialsKeyGetsItsProvisionedChannelsKeyAndTheReadIsAuditedWithoutTheKey() throws Exception {
        String channel = provisionedChannel();
        String current = keyThatSetTheWebhook(channel, 0);

        ExtractableResponse<Response> answer = read(CREDENTIALS_KEY, channel).then().statusCode(200)
                .header("Cache-Control", "no-store").body("channel_id", is(channel)).extract();
        assertEquals(current, answer.path("api_key"));
        assertTrue(answer.path("provisioned_at") != null);

        JsonNode audit = auditEvent(channel, "handed_out");
        assertEquals("channel_api_key", audit.path("data").path("credential").asText());
        assertEquals("alpha", audit.path("data").path("hub_id").asText());
        assertEquals(Sha256.hex(CREDENTIALS_KEY).substring(0, 8), audit.path("data").path("api_key_fingerprint").asText());
        assertFalse(audit.toString().contains(current), "the audit never carries the key");
        given().accept(ContentType.TEXT).when().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("credential_reads_total")).body(containsString("outcome=\"handed_out\""));
    }

    @Test
    void anOrdinaryHubKeyIsRefusedAndTheRefusalIsAudited() throws Exception {
        String channel = provisionedChannel();

        read(HUB_KEY, channel).then().statusCode(403).contentType("application/problem+json").body("type", containsString("forbidden"));
        given().header("Authorization", "Bearer " + HUB_KEY).when().post("/v1/channels/{c}/api-key/rotate", channel)
                .then().statusCode(403).contentType("application/problem+json");

        JsonNode audit = auditEvent(channel, "refused");
        assertEquals(Sha256.hex(HUB_KEY).substring(0, 8), audit.path("data").path("api_key_fingerprint").asText());
        assertEquals(1, new EmulatorAdmin(emulatorUrl).count("create_api_key", channel), "a refused rotation makes no key");
    }

    @Test
    void noKeyIs401AndAnOpsKeyIsRefusedAsAHubKeyIsOnTheOpsApi() {
        String channel = provisionedChannel();

        given().when().get("/v1/channels/{c}/api-key", channel).then().statusCode(401).contentType("application/problem+json");
        OpsApi.given().when().get("/v1/channels/{c}/api-key", channel).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + CREDENTIALS_KEY).when().get("/v1/channels/{p}/{c}", PARTNER, channel)
                .then().statusCode(403);
        // The ops route of the same shape still answers ops.
        OpsApi.given().when().get("/v1/channels/{p}/{c}", PARTNER, channel).then().statusCode(200).body("status", is("provisioned"));
    }

    @Test
    void anotherHubsChannelAndAnUnknownOneAreNotFound() throws Exception {
        String channel = provisionedChannel();

        read(OTHER_HUB_CREDENTIALS_KEY, channel).then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + OTHER_HUB_CREDENTIALS_KEY).when().post("/v1/channels/{c}/api-key/rotate", channel)
                .then().statusCode(404);
        read(CREDENTIALS_KEY, "no-such-channel").then().statusCode(404);

        JsonNode audit = auditEvent(channel, "not_found");
        assertEquals("sharing", audit.path("data").path("hub_id").asText());
        assertEquals(1, new EmulatorAdmin(emulatorUrl).count("create_api_key", channel));
    }

    @Test
    void aChannelNotYetProvisionedHasNoKeyToHandOut() {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        InputTopics.send(Topics.IO_LINK_EVENTS, client, InputTopics.onboardingCompleted(PARTNER, client, List.of(channel), List.of()));
        InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, InputTopics.channelEvent(PARTNER, client, channel, "channel_created", "pending"));
        awaitChannelStatus(channel, "waiting");

        read(CREDENTIALS_KEY, channel).then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("channel-not-provisioned"));
    }

    @Test
    void rotationHandsOutANewKeyAnnouncesItAndTheNextReadReturnsIt() throws Exception {
        String channel = provisionedChannel();
        String old = read(CREDENTIALS_KEY, channel).then().statusCode(200).extract().path("api_key");

        ExtractableResponse<Response> rotated = given().header("Authorization", "Bearer " + CREDENTIALS_KEY)
                .when().post("/v1/channels/{c}/api-key/rotate", channel)
                .then().statusCode(200).header("Cache-Control", "no-store").extract();
        String fresh = rotated.path("api_key");
        assertNotEquals(old, fresh);
        assertTrue(rotated.path("rotated_at") != null);

        read(CREDENTIALS_KEY, channel).then().statusCode(200).body("api_key", is(fresh));
        EmulatorAdmin dialog360 = new EmulatorAdmin(emulatorUrl);
        assertEquals(2, dialog360.count("create_api_key", channel));
        assertEquals(fresh, keyThatSetTheWebhook(channel, 1), "the webhook is set again, with the new key");
        JsonNode webhook = dialog360.channel(channel).path("webhook");
        assertEquals("https://ingest.test.example/webhooks/360dialog/" + PARTNER + "/channels/" + channel, webhook.path("url").asText(),
                "the same webhook, nothing re-pointed");

        JsonNode event = InputTopics.JSON.readTree(TopicReader.await(Topics.PROVISIONING_EVENTS,
                r -> r.value().contains(ProvisioningEventTypes.CHANNEL_CREDENTIALS_ROTATED) && r.value().contains(channel), 1,
                Duration.ofSeconds(10)).get(0).value());
        assertEquals(channel, event.path("data").path("channel_id").asText());
        assertEquals("alpha", event.path("data").path("hub_id").asText());
        assertEquals(PARTNER, event.path("data").path("partner_id").asText());
        assertFalse(event.toString().contains(fresh) || event.toString().contains(old), "the event carries no key");
        assertEquals(3, auditEvents(channel, "handed_out", 3).size(), "two reads and the rotation's hand-off, audited alike");
    }

    private static io.restassured.response.Response read(String key, String channel) {
        return given().header("Authorization", "Bearer " + key).when().get("/v1/channels/{c}/api-key", channel);
    }

    private static String provisionedChannel() {
        String channel = "channel-" + UUID.randomUUID().toString().substring(0, 8);
        provisioned("client-" + UUID.randomUUID().toString().substring(0, 8), channel);
        return channel;
    }

    /** The key of the {@code n}th set_webhook call for the channel: the one 360Dialog knows the channel by. */
    private String keyThatSetTheWebhook(String channel, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> webhookCalls(channel).size() > n);
        return webhookCalls(channel).get(n).path("authorization").asText();
    }

    private List<JsonNode> webhookCalls(String channel) {
        return new EmulatorAdmin(emulatorUrl).calls("set_webhook", null).stream().filter(c -> c.path("body").asText().contains(channel))
                .toList();
    }

    private static JsonNode auditEvent(String channel, String outcome) throws Exception {
        return auditEvents(channel, outcome, 1).get(0);
    }

    private static List<JsonNode> auditEvents(String channel, String outcome, int count) {
        return TopicReader.await(Topics.PROVISIONING_EVENTS, r -> channel.equals(r.key())
                        && r.value().contains(ProvisioningEventTypes.CREDENTIAL_READ) && r.value().contains("\"" + outcome + "\""), count,
                Duration.ofSeconds(10)).stream().map(r -> {
                    try {
                        return InputTopics.JSON.readTree(r.value());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }
}

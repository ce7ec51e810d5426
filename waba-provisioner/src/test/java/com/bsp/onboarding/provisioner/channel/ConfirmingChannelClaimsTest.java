package com.bsp.onboarding.provisioner.channel;

import static com.bsp.onboarding.provisioner.channel.ProvisioningChannelsTest.PARTNER;
import static com.bsp.onboarding.provisioner.channel.ProvisioningChannelsTest.awaitChannelStatus;
import static com.bsp.onboarding.provisioner.support.OpsApi.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.provisioner.support.InputTopics;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The IO redirect travels through the customer's browser unsigned (reference §3.5): a customer holding only its own
 * link can name any client and channel on it. Channels are provisioned or revoked for a link only when 360Dialog's
 * signed webhooks (the channel's client) and its Partner API (the client's partner_payload = the link id) confirm it.
 */
@QuarkusTest
class ConfirmingChannelClaimsTest {

    @ConfigProperty(name = ProviderEmulatorResource.URL_PROPERTY)
    String emulatorUrl;

    private EmulatorAdmin emulator() {
        return new EmulatorAdmin(emulatorUrl);
    }

    @Test
    void aGenuineSignupIsConfirmedByThePartnerApiAndTheWebhooksAndProvisioned() throws Exception {
        Customer customer = Customer.signedUp(emulator());

        InputTopics.send(Topics.IO_LINK_EVENTS, customer.client, InputTopics.signupCompleted(customer.link, PARTNER, customer.client,
                List.of(customer.channel), List.of()));
        customer.runs();

        awaitChannelStatus(customer.channel, "provisioned");
        assertEquals(1, emulator().count("create_api_key", customer.channel));
        JsonNode decided = decision(customer.link, customer.channel);
        assertEquals("confirmed", decided.path("outcome").asText());
        assertEquals("grant", decided.path("claim").asText());
        assertEquals(customer.client, decided.path("client_id").asText());
        JsonNode listed = emulator().calls("list_clients", PARTNER).stream()
                .filter(c -> c.path("query").toString().contains(customer.link)).findFirst().orElseThrow();
        assertEquals("partner-api-key-for-tests", listed.path("authorization").asText());
    }

    @Test
    void aForgedRedirectNamingAnotherClientsChannelHandsNothingToTheForgerAndCreatesNoKey() throws Exception {
        Customer victim = Customer.signedUp(emulator());
        victim.runs(); // the victim's redirect was lost: its channel runs, unclaimed
        Customer forger = Customer.signedUp(emulator());
        awaitChannel(victim.channel);

        for (int i = 0; i < 3; i++) {
            InputTopics.send(Topics.IO_LINK_EVENTS, forger.client, InputTopics.signupCompleted(forger.link, PARTNER, forger.client,
                    List.of(victim.channel), List.of()));
        }

        JsonNode decided = decision(forger.link, victim.channel);
        assertEquals("refused", decided.path("outcome").asText());
        assertEquals("channel_of_another_client", decided.path("reason").asText());
        given().when().get("/v1/channels/{p}/{c}", PARTNER, victim.channel).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("waiting")).body("permitted", org.hamcrest.Matchers.is(false))
                .body("client_id", org.hamcrest.Matchers.is(victim.client));
        assertEquals(0, emulator().count("create_api_key", victim.channel), "no key: the owner's stays valid");
        assertEquals(1, decisions(forger.link).size(), "refused once, however often the redirect comes");

        // The victim's own redirect, arriving late, still provisions it.
        InputTopics.send(Topics.IO_LINK_EVENTS, victim.client, InputTopics.signupCompleted(victim.link, PARTNER, victim.client,
                List.of(victim.channel), List.of()));
        awaitChannelStatus(victim.channel, "provisioned");
        assertEquals("confirmed", decision(victim.link, victim.channel).path("outcome").asText());
    }

    @Test
    void aForgedRedirectNamingTheVictimsClientAndChannelIsRefusedByThePartnerPayload() throws Exception {
        Customer victim = Customer.signedUp(emulator());
        victim.runs();
        Customer forger = Customer.signedUp(emulator());
        awaitChannel(victim.channel);

        // The victim's client id with its channel: the webhooks agree, but the client carries the victim's link, not the forger's.
        InputTopics.send(Topics.IO_LINK_EVENTS, victim.client, InputTopics.signupCompleted(forger.link, PARTNER, victim.client,
                List.of(victim.channel), List.of()));

        JsonNode decided = decision(forger.link, victim.channel);
        assertEquals("refused", decided.path("outcome").asText());
        assertEquals("client_not_of_link", decided.path("reason").asText());
        given().when().get("/v1/channels/{p}/{c}", PARTNER, victim.channel).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("waiting")).body("permitted", org.hamcrest.Matchers.is(false));
        assertEquals(0, emulator().count("create_api_key", victim.channel));
    }

    @Test
    void aForgedRevocationOfAnotherCustomersChannelRevokesNothing() throws Exception {
        Customer victim = Customer.signedUp(emulator());
        InputTopics.send(Topics.IO_LINK_EVENTS, victim.client, InputTopics.signupCompleted(victim.link, PARTNER, victim.client,
                List.of(victim.channel), List.of()));
        victim.runs();
        awaitChannelStatus(victim.channel, "provisioned");
        Customer forger = Customer.signedUp(emulator());

        InputTopics.send(Topics.IO_LINK_EVENTS, forger.client, InputTopics.signupCompleted(forger.link, PARTNER, forger.client,
                List.of(), List.of(victim.channel)));
        String otherLink = UUID.randomUUID().toString();
        InputTopics.send(Topics.IO_LINK_EVENTS, victim.client, InputTopics.signupCompleted(otherLink, PARTNER, victim.client,
                List.of(), List.of(victim.channel)));

        assertEquals("channel_of_another_client", decision(forger.link, victim.channel).path("reason").asText());
        assertEquals("client_not_of_link", decision(otherLink, victim.channel).path("reason").asText());
        awaitChannelStatus(victim.channel, "provisioned");
        assertEquals(0, emulator().calls("set_webhook", null).stream()
                .filter(c -> c.path("authorization").asText().contains(victim.channel) && c.path("body").asText().contains("\"url\":\"\""))
                .count(), "its webhook was not emptied");

        // The owner's own withdrawal is applied.
        InputTopics.send(Topics.IO_LINK_EVENTS, victim.client, InputTopics.onboardingCompleted(PARTNER, victim.client, List.of(),
                List.of(victim.channel)));
        awaitChannelStatus(victim.channel, "revoked");
    }

    @Test
    void aClaimOnAChannelNoWebhookNamedStaysUnconfirmedAndIsNotProvisioned() throws Exception {
        Customer customer = Customer.signedUp(emulator());
        String unknown = "channel-" + UUID.randomUUID().toString().substring(0, 8);

        InputTopics.send(Topics.IO_LINK_EVENTS, customer.client, InputTopics.signupCompleted(customer.link, PARTNER, customer.client,
                List.of(customer.channel, unknown), List.of()));
        customer.runs();

        awaitChannelStatus(customer.channel, "provisioned");
        given().when().get("/v1/channels/{p}/{c}", PARTNER, unknown).then().statusCode(404);
        assertEquals(List.of(customer.channel), decisions(customer.link).stream().map(d -> d.path("channel_id").asText()).toList(),
                "only the confirmed channel was decided");
        assertEquals(0, emulator().count("create_api_key", unknown));
    }

    private static void awaitChannel(String channel) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when()
                .get("/v1/channels/{p}/{c}", PARTNER, channel).then().statusCode(200).body("running", org.hamcrest.Matchers.is(true)));
    }

    private static JsonNode decision(String linkId, String channel) throws Exception {
        String value = TopicReader.await(Topics.PROVISIONING_EVENTS, r -> r.value().contains(ProvisioningEventTypes.CHANNEL_CLAIM_DECIDED)
                && r.value().contains(linkId) && r.value().contains(channel), 1, Duration.ofSeconds(15)).get(0).value();
        return InputTopics.JSON.readTree(value).path("data");
    }

    private static List<JsonNode> decisions(String linkId) throws Exception {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (var record : TopicReader.readAll(Topics.PROVISIONING_EVENTS)) {
            if (record.value().contains(ProvisioningEventTypes.CHANNEL_CLAIM_DECIDED) && record.value().contains(linkId)) {
                found.add(InputTopics.JSON.readTree(record.value()).path("data"));
            }
        }
        return found;
    }

    /** A customer who signed up through its own link: 360Dialog made its client (partner_payload = the link id) and a channel. */
    private record Customer(String link, String client, String channel) {

        static Customer signedUp(EmulatorAdmin emulator) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            Customer customer = new Customer(UUID.randomUUID().toString(), "client-" + suffix, "channel-" + suffix);
            emulator.dialog360Client(PARTNER, customer.client, customer.link, customer.channel);
            return customer;
        }

        /** 360Dialog's signed webhook: the channel runs, and it is this client's. */
        void runs() {
            InputTopics.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, InputTopics.channelEvent(PARTNER, client, channel, "channel_running",
                    "running"));
        }
    }
}

package com.bsp.onboarding.partnerwebhooks.intake;

import static com.bsp.onboarding.partnerwebhooks.support.SourceEvents.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.partnerwebhooks.support.Messages;
import com.bsp.onboarding.partnerwebhooks.support.Messages.Message;
import com.bsp.onboarding.partnerwebhooks.support.SourceEvents;
import com.bsp.onboarding.testing.http.Management;
import com.bsp.onboarding.testing.kafka.TopicWriter;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The source topics' events become the hub's partner events (the messages its webhooks carry), once each. */
@QuarkusTest
class TellingPartnersTest {

    @Inject
    Pool pool;

    Messages messages;
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void messages() {
        messages = new Messages(pool);
    }

    @Test
    void integratedOnboardingIsToldFromLinkToCredentialsRotation() {
        String link = id();
        String client = "client-" + id();
        String channel = "ch-" + id();
        String failing = "ch-" + id();
        SourceEvents.link(SourceEvents.linkIssued("alpha", link, "crm-42", t0));
        SourceEvents.link(SourceEvents.onboardingCompleted("alpha", link, client, List.of(channel), "crm-42", t0.plusSeconds(1)));
        messages.await(link, 2);
        // A second channel the redirect did not list: the claim decision ties it to the link.
        SourceEvents.provisioning(SourceEvents.claimDecided("alpha", link, client, failing, t0.plusSeconds(2)));
        SourceEvents.provisioning(SourceEvents.channelProvisioned("alpha", client, channel, t0.plusSeconds(3)));
        SourceEvents.provisioning(SourceEvents.channelProvisioningFailed("alpha", client, failing, t0.plusSeconds(4)));
        SourceEvents.provisioning(SourceEvents.channelStatusChanged("alpha", client, channel, "account_violation", t0.plusSeconds(5)));
        SourceEvents.provisioning(SourceEvents.credentialsRotated("alpha", client, channel, t0.plusSeconds(6)));
        SourceEvents.provisioning(SourceEvents.channelDeprovisioned("alpha", client, channel, t0.plusSeconds(7)));

        List<Message> told = messages.await(link, 7);
        // The provisioning events are keyed by client, the rotation by channel: their order is not the topic's to keep.
        assertEquals(List.of("onboarding.started", "onboarding.completed"), told.subList(0, 2).stream().map(Message::type).toList());
        assertEquals(Set.of("channel.provisioned", "channel.provisioning_failed", "channel.status_changed",
                "credentials.rotated", "channel.deprovisioned"), told.subList(2, 7).stream().map(Message::type)
                .collect(Collectors.toSet()));
        assertEquals(7, told.size());
        told.forEach(m -> {
            assertEquals("alpha", m.hubId());
            assertTrue(m.id().startsWith("msg_"));
            assertEquals(link, m.data().get("onboarding_id").asText());
            assertEquals("integrated_onboarding", m.data().get("route").asText());
            assertEquals("crm-42", m.data().get("partner_reference").asText());
            assertTrue(m.data().has("occurred_at"));
            assertNoSecret(m.body());
        });
        Map<String, JsonNode> data = byType(told);
        assertEquals("signup", data.get("onboarding.started").get("link_kind").asText());
        assertEquals(client, data.get("onboarding.completed").get("client_id").asText());
        assertEquals(channel, data.get("onboarding.completed").get("channels").get(0).asText());
        assertEquals(channel, data.get("channel.provisioned").get("channel_id").asText());
        assertEquals("/v1/channels/" + channel + "/api-key", data.get("channel.provisioned").get("credential_fetch").get("path").asText());
        assertFalse(data.get("channel.provisioned").has("api_key"));
        assertFalse(data.get("channel.provisioned").has("webhook_url"));
        JsonNode error = data.get("channel.provisioning_failed").get("error");
        assertEquals(failing, data.get("channel.provisioning_failed").get("channel_id").asText());
        assertEquals("set_webhook", error.get("step").asText());
        assertEquals(5, error.get("attempts").asInt());
        assertEquals(503, error.get("http_status").asInt());
        assertEquals("violation", data.get("channel.status_changed").get("change").asText());
        assertEquals("spam", data.get("channel.status_changed").get("details").get("reason").asText());
        assertEquals("channel_api_key", data.get("credentials.rotated").get("credential").asText());
        assertEquals("waba-provisioner", data.get("credentials.rotated").get("credential_fetch").get("service").asText());
        assertEquals("removed", data.get("channel.deprovisioned").get("webhook").asText());
    }

    @Test
    void hostedEmbeddedSignupIsToldFromSessionToOffboarding() {
        String session = "ss_" + id();
        String signup = "su_" + id();
        String waba = "waba-" + id();
        SourceEvents.signup(SourceEvents.sessionStarted("alpha", session, "cust-7", t0));
        SourceEvents.signup(SourceEvents.sessionEvent("alpha", session, "cust-7", "CANCEL", "PHONE_NUMBER_SETUP", null, null, t0.plusSeconds(1)));
        SourceEvents.signup(SourceEvents.sessionEvent("alpha", session, "cust-7", "ERROR", "WABA_SETUP", "524126", "Try again", t0.plusSeconds(2)));
        // A finish is only the browser's claim: nothing is told until signup-completed.
        SourceEvents.signup(SourceEvents.sessionEvent("alpha", session, "cust-7", "FINISH", null, null, null, t0.plusSeconds(3)));
        messages.await(session, 3);
        // signup-completed is keyed by WABA, the session's events by session: the test keeps them in order.
        SourceEvents.signup(SourceEvents.signupCompleted("alpha", signup, session, waba, "phone-1", "cust-7", t0.plusSeconds(4)));
        messages.await(session, 4);
        SourceEvents.provisioning(SourceEvents.wabaProvisioningFailed("alpha", waba, t0.plusSeconds(5)));
        SourceEvents.provisioning(SourceEvents.wabaProvisioned("alpha", waba, signup, "phone-1", t0.plusSeconds(6)));
        SourceEvents.provisioning(SourceEvents.wabaStatusChanged(waba, "DISABLED_UPDATE", t0.plusSeconds(7)));
        SourceEvents.provisioning(SourceEvents.wabaLifecycleChanged("alpha", waba, "PARTNER_APP_UNINSTALLED", t0.plusSeconds(8)));
        SourceEvents.provisioning(SourceEvents.wabaOffboarded("alpha", waba, t0.plusSeconds(9)));

        List<Message> told = messages.await(session, 9);
        assertEquals(List.of("onboarding.started", "onboarding.signup_cancelled",
                "onboarding.signup_errored", "onboarding.completed", "waba.provisioning_failed", "waba.provisioned",
                "waba.status_changed", "waba.status_changed", "waba.offboarded"), told.stream().map(Message::type).toList());
        told.forEach(m -> {
            assertEquals(session, m.data().get("onboarding_id").asText());
            assertEquals("embedded_signup", m.data().get("route").asText());
            assertEquals("cust-7", m.data().get("partner_reference").asText());
            assertNoSecret(m.body());
        });
        told.subList(3, 9).forEach(m -> assertEquals(waba, m.data().get("waba_id").asText()));
        Map<String, JsonNode> data = byType(told);
        assertEquals("PHONE_NUMBER_SETUP", data.get("onboarding.signup_cancelled").get("current_step").asText());
        JsonNode errored = data.get("onboarding.signup_errored");
        assertEquals("WABA_SETUP", errored.get("current_step").asText());
        assertEquals("524126", errored.get("error_code").asText());
        assertEquals("Try again", errored.get("error_message").asText());
        JsonNode completed = data.get("onboarding.completed");
        assertEquals("phone-1", completed.get("phone_number_id").asText());
        assertEquals("biz-" + waba, completed.get("business_id").asText());
        assertFalse(completed.get("coexistence").asBoolean());
        assertFalse(completed.has("business_token"));
        JsonNode failed = data.get("waba.provisioning_failed").get("error");
        assertEquals("register_phone", failed.get("step").asText());
        assertEquals(133010, failed.get("code").asInt());
        assertEquals(2388001, failed.get("subcode").asInt());
        assertEquals("OAuthException", failed.get("type").asText());
        assertEquals("trace-1", failed.get("trace_id").asText());
        assertEquals("registered", data.get("waba.provisioned").get("phone_registration").asText());
        assertEquals("ban", told.get(6).data().get("change").asText());
        assertEquals("DISABLED_UPDATE", told.get(6).data().get("event").asText());
        assertEquals("DISABLE", told.get(6).data().get("details").get("ban_state").asText());
        assertEquals("token", told.get(7).data().get("change").asText());
        assertEquals("unusable", told.get(7).data().get("token_state").asText());
        assertEquals("PARTNER_REMOVED", data.get("waba.offboarded").get("reason").asText());
    }

    @Test
    void partnerHostedSignupStartsAndCompletesAtOnce() {
        String signup = "su_" + id();
        String waba = "waba-" + id();
        SourceEvents.signup(SourceEvents.signupCompleted("alpha", signup, null, waba, "phone-2", "cust-8", t0));

        List<Message> told = messages.await(signup, 2);
        assertEquals(List.of("onboarding.started", "onboarding.completed"), told.stream().map(Message::type).toList());
        assertEquals(signup, told.get(1).data().get("signup_id").asText());
        assertEquals(waba, told.get(1).data().get("waba_id").asText());
        assertEquals("cust-8", told.get(0).data().get("partner_reference").asText());
    }

    @Test
    void aRedeliveredSourceEventGivesNoSecondMessage() {
        String link = id();
        var issued = SourceEvents.linkIssued("alpha", link, "crm-1", t0);
        var completed = SourceEvents.onboardingCompleted("alpha", link, "client-" + id(), List.of(), "crm-1", t0.plusSeconds(1));
        double duplicates = duplicatesRead();
        SourceEvents.link(issued);
        SourceEvents.link(issued);
        SourceEvents.link(completed);
        SourceEvents.link(completed);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> duplicatesRead() >= duplicates + 2);
        // Sent after the redeliveries on the same partition as the completion: read once they were.
        String channel = "ch-" + id();
        SourceEvents.provisioning(SourceEvents.claimDecided("alpha", link, completed.data().clientId(), channel, t0.plusSeconds(2)));
        SourceEvents.provisioning(SourceEvents.channelProvisioned("alpha", completed.data().clientId(), channel, t0.plusSeconds(3)));

        List<Message> told = messages.await(link, 3);
        assertEquals(List.of("onboarding.started", "onboarding.completed",
                "channel.provisioned"), told.stream().map(Message::type).toList());
    }

    @Test
    void eventsReadInOneBatchAreToldAsIfAppliedOneByOne() {
        // Written together, so most likely read in one poll: each link's events in order under its key, interleaved
        // with the other links', and a redelivery of each link's first event after its second.
        List<String> links = IntStream.range(0, 20).mapToObj(i -> id()).toList();
        List<CloudEvent<?>> issued = new ArrayList<>();
        List<CloudEvent<?>> completed = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            issued.add(SourceEvents.linkIssued("alpha", links.get(i), "crm-" + i, t0));
            completed.add(SourceEvents.onboardingCompleted("alpha", links.get(i), "client-" + i + "-" + links.get(i),
                    List.of(), "crm-" + i, t0.plusSeconds(1)));
        }
        List<CloudEvent<?>> written = new ArrayList<>(issued);
        written.addAll(completed);
        written.addAll(issued);
        double duplicates = duplicatesRead();
        SourceEvents.sendTogether(Topics.IO_LINK_EVENTS, written);

        for (int i = 0; i < links.size(); i++) {
            List<Message> told = messages.await(links.get(i), 2);
            assertEquals(List.of("onboarding.started", "onboarding.completed"), told.stream().map(Message::type).toList());
            for (Message message : told) {
                assertEquals("crm-" + i, message.data().get("partner_reference").asText());
            }
            assertEquals("client-" + i + "-" + links.get(i), told.get(1).data().get("client_id").asText());
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> duplicatesRead() >= duplicates + links.size());
        for (int i = 0; i < links.size(); i++) {
            assertEquals(2, messages.of(links.get(i)).size());
            assertEquals("completed client-" + i + "-" + links.get(i), onboardingRow(links.get(i)));
        }
    }

    @Test
    void eventsOfOneOnboardingUnderDifferentKeysInOneBatchAreAllTold() {
        String link = id();
        String client = "client-" + id();
        String channel = "ch-" + id();
        SourceEvents.link(SourceEvents.linkIssued("alpha", link, "crm-7", t0));
        SourceEvents.link(SourceEvents.onboardingCompleted("alpha", link, client, List.of(channel), "crm-7", t0.plusSeconds(1)));
        messages.await(link, 2);
        // Keyed by client, by channel and by client again: one onboarding's changes side by side in one poll.
        SourceEvents.sendTogether(Topics.PROVISIONING_EVENTS, List.of(
                SourceEvents.channelProvisioned("alpha", client, channel, t0.plusSeconds(3)),
                SourceEvents.credentialsRotated("alpha", client, channel, t0.plusSeconds(4)),
                SourceEvents.channelStatusChanged("alpha", client, channel, "account_violation", t0.plusSeconds(5))));

        List<Message> told = messages.await(link, 5);
        assertEquals(Set.of("channel.provisioned", "credentials.rotated", "channel.status_changed"),
                told.subList(2, 5).stream().map(Message::type).collect(Collectors.toSet()));
        assertEquals(5, messages.of(link).size());
    }

    @Test
    void aProvisioningReadBeforeItsSignupIsToldOnceTheSignupArrives() {
        String session = "ss_" + id();
        String signup = "su_" + id();
        String waba = "waba-" + id();
        SourceEvents.signup(SourceEvents.sessionStarted("alpha", session, "cust-9", t0));
        messages.await(session, 1);
        SourceEvents.provisioning(SourceEvents.wabaProvisioned("alpha", waba, signup, "phone-3", t0.plusSeconds(2)));
        SourceEvents.provisioning(SourceEvents.wabaStatusChanged(waba, "ACCOUNT_VIOLATION", t0.plusSeconds(3)));
        awaitParked(waba);
        assertEquals(List.of("onboarding.started"), messages.types(session));

        SourceEvents.signup(SourceEvents.signupCompleted("alpha", signup, session, waba, "phone-3", "cust-9", t0.plusSeconds(1)));

        List<Message> told = messages.await(session, 4);
        assertEquals(List.of("onboarding.started", "onboarding.completed",
                "waba.provisioned", "waba.status_changed"), told.stream().map(Message::type).toList());
        assertEquals("cust-9", told.get(2).data().get("partner_reference").asText());
        assertEquals("violation", told.get(3).data().get("change").asText());
        assertEquals(0L, parked(waba));
    }

    @Test
    void anotherHubsEventNeverReachesThisHub() {
        String session = "ss_" + id();
        String signup = "su_" + id();
        String waba = "waba-" + id();
        SourceEvents.signup(SourceEvents.sessionStarted("alpha", session, "cust-1", t0));
        SourceEvents.signup(SourceEvents.signupCompleted("alpha", signup, session, waba, "phone-4", "cust-1", t0.plusSeconds(1)));
        messages.await(session, 2);
        // beta names alpha's onboarding and alpha's WABA: neither is beta's to be told, nor alpha's to hear from beta.
        SourceEvents.signup(SourceEvents.sessionEvent("beta", session, "cust-1", "CANCEL", "X", null, null, t0.plusSeconds(2)));
        SourceEvents.provisioning(SourceEvents.wabaProvisioned("beta", waba, signup, "phone-4", t0.plusSeconds(3)));
        SourceEvents.provisioning(SourceEvents.wabaOffboarded("alpha", waba, t0.plusSeconds(4)));
        messages.await(session, 3);
        SourceEvents.signup(SourceEvents.sessionEvent("alpha", session, "cust-1", "ERROR", "Y", "1", "m", t0.plusSeconds(5)));

        List<Message> told = messages.await(session, 4);
        assertEquals(List.of("onboarding.started", "onboarding.completed",
                "waba.offboarded", "onboarding.signup_errored"), told.stream().map(Message::type).toList());
        assertEquals(Set.of("alpha"), told.stream().map(Message::hubId).collect(Collectors.toSet()));
    }

    @Test
    void malformedAndUnknownRecordsAreSkippedAndLaterOnesApplied() {
        String link = id();
        TopicWriter.send(Topics.IO_LINK_EVENTS, link, "{not json");
        TopicWriter.send(Topics.IO_LINK_EVENTS, link, "{\"id\":\"x-" + id() + "\",\"type\":\"" +
                "com.bsp.onboarding.io.link-issued.v1\",\"data\":{\"link_id\":7}}");
        TopicWriter.send(Topics.IO_LINK_EVENTS, link, "{\"id\":\"" + id() + "\",\"type\":\"com.example.unknown.v1\",\"data\":{}}");
        SourceEvents.link(SourceEvents.linkIssued("alpha", link, null, t0));

        assertEquals(List.of("onboarding.started"), messages.await(link, 1).stream().map(Message::type).toList());
        assertTrue(messages.of(link).get(0).data().get("partner_reference").isNull());
    }

    /** partner_intake_records_total of the link topic with outcome duplicate. */
    private static double duplicatesRead() {
        String metrics = RestAssured.get(Management.url("/q/metrics")).asString();
        return metrics.lines().filter(l -> l.startsWith("partner_intake_records_total{")
                        && l.contains("outcome=\"duplicate\"") && l.contains("topic=\"" + Topics.IO_LINK_EVENTS + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void awaitParked(String waba) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> parked(waba) == 2);
    }

    /** The onboarding's stored status and client, as "status client". */
    private String onboardingRow(String id) {
        var row = pool.preparedQuery("SELECT status, client_id FROM onboardings WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
        return row.getString("status") + " " + row.getString("client_id");
    }

    private long parked(String waba) {
        return pool.preparedQuery("SELECT count(*) FROM parked_events WHERE $1 = ANY (subjects)")
                .execute(Tuple.of("waba:" + waba)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    private static Map<String, JsonNode> byType(List<Message> told) {
        return told.stream().collect(Collectors.toMap(Message::type, Message::data, (a, b) -> a));
    }

    private static void assertNoSecret(JsonNode body) {
        String text = body.toString();
        for (String secret : List.of(SourceEvents.SEALED, "ciphertext", "\"api_key\":", "business_token", "ingest.internal.example")) {
            assertFalse(text.contains(secret), () -> "a webhook carries " + secret + ": " + text);
        }
    }
}

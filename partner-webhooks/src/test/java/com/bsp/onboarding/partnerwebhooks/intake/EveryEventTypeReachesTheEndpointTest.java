package com.bsp.onboarding.partnerwebhooks.intake;

import static com.bsp.onboarding.partnerwebhooks.support.SourceEvents.id;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.bsp.onboarding.partnerwebhooks.support.EndpointCleanup;
import com.bsp.onboarding.partnerwebhooks.support.Hubs;
import com.bsp.onboarding.partnerwebhooks.support.Hubs.Endpoint;
import com.bsp.onboarding.partnerwebhooks.support.SourceEvents;
import com.bsp.onboarding.partnerwebhooks.support.TestApiKeys;
import com.bsp.onboarding.testing.webhooks.Receiver;
import com.bsp.onboarding.testing.webhooks.Receiver.Received;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole way, for every type of the catalogue: the other services' events written to the real broker's source
 * topics (one of each kind the intake reads), read by the intake, and delivered over HTTP to the endpoint a hub
 * registered, where a partner's receiver verifies each with the Standard Webhooks reference verifier. The two types
 * no source event makes come from the API: {@code webhook.test} from POST /v1/endpoints/{id}/test,
 * {@code endpoint.disabled} from another endpoint that failed for longer than delivery.disable-after.
 */
@QuarkusTest
class EveryEventTypeReachesTheEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The catalogue's types that are not about an onboarding: no source event makes them. */
    private static final Set<String> NOT_OF_AN_ONBOARDING = Set.of(PartnerEventTypes.WEBHOOK_TEST,
            PartnerEventTypes.ENDPOINT_DISABLED);

    @Inject
    Pool pool;

    private final List<Receiver> receivers = new ArrayList<>();
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @AfterEach
    void removeEndpoints() {
        EndpointCleanup.removeAll(TestApiKeys.ALPHA);
        receivers.forEach(Receiver::close);
    }

    @Test
    void everyTypeOfTheCatalogueArrivesSignedWithTheOnboardingsReferenceAndNoCredential() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        Endpoint endpoint = Hubs.register(TestApiKeys.ALPHA, receiver.url());
        String ioReference = "crm-" + id();
        String esReference = "cust-" + id();

        String link = integratedOnboarding(receiver, ioReference);
        String session = embeddedSignup(receiver, esReference);
        String testMessage = Hubs.as(TestApiKeys.ALPHA).post("/v1/endpoints/" + endpoint.id() + "/test")
                .then().statusCode(202).extract().jsonPath().getString("message_id");
        Endpoint disabled = disableAnotherEndpoint();

        Set<String> ofSourceEvents = new TreeSet<>(PartnerEventTypes.ALL);
        ofSourceEvents.removeAll(NOT_OF_AN_ONBOARDING);
        // Asserted while waiting: a type that never arrives is named in the failure.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(ofSourceEvents, types(onboardings(receiver, link, session)), "every type a source event makes arrived");
            assertEquals(List.of(7, 9), List.of(ofOnboarding(receiver, link).size(), ofOnboarding(receiver, session).size()));
            assertEquals(List.of(1, 1), List.of(aboutEndpoint(receiver, endpoint).size(), aboutEndpoint(receiver, disabled).size()));
        });
        List<Received> told = onboardings(receiver, link, session);
        told.addAll(aboutEndpoint(receiver, endpoint));
        told.addAll(aboutEndpoint(receiver, disabled));
        assertEquals(new TreeSet<>(PartnerEventTypes.ALL), types(told), "every type of the catalogue arrived");

        Webhook verifier = new Webhook(endpoint.secret());
        for (Received request : told) {
            verifier.verify(request.body(), request.headers());
            assertTrue(request.signature().startsWith("v1,"), request.signature());
            assertTrue(request.webhookId().startsWith("msg_"), request.webhookId());
            assertNoCredential(request.body(), endpoint, disabled);
        }
        Received first = told.get(0);
        assertThrows(WebhookVerificationException.class, () -> verifier.verify(first.body().replace("}", " }"), first.headers()),
                "the verifier checks the body it is given");
        assertThrows(WebhookVerificationException.class, () -> new Webhook(disabled.secret()).verify(first.body(), first.headers()),
                "another endpoint's secret does not verify this endpoint's webhooks");

        assertOnboardingEvents(ofOnboarding(receiver, link), link, "integrated_onboarding", ioReference);
        assertOnboardingEvents(ofOnboarding(receiver, session), session, "embedded_signup", esReference);
        JsonNode test = body(aboutEndpoint(receiver, endpoint).get(0));
        assertEquals(PartnerEventTypes.WEBHOOK_TEST, test.get("type").asText());
        assertEquals(testMessage, aboutEndpoint(receiver, endpoint).get(0).webhookId());
        JsonNode off = body(aboutEndpoint(receiver, disabled).get(0));
        assertEquals(PartnerEventTypes.ENDPOINT_DISABLED, off.get("type").asText());
        assertEquals("127.0.0.1", off.get("data").get("url_host").asText(), "the host, never the URL with its query");
        for (JsonNode notOfAnOnboarding : List.of(test, off)) {
            assertFalse(notOfAnOnboarding.get("data").has("onboarding_id"), notOfAnOnboarding::toString);
        }
    }

    /**
     * An IO onboarding told from link to de-provisioning: one event of each kind of link-service's and of the
     * provisioner's channels; the claim decision tells nothing itself, it ties the second channel to the link.
     */
    private String integratedOnboarding(Receiver receiver, String reference) {
        String link = id();
        String client = "client-" + id();
        String channel = "ch-" + id();
        String failing = "ch-" + id();
        SourceEvents.link(SourceEvents.linkIssued("alpha", link, reference, t0));
        SourceEvents.link(SourceEvents.onboardingCompleted("alpha", link, client, List.of(channel), reference, t0.plusSeconds(1)));
        awaitTold(receiver, link, 2);
        SourceEvents.provisioning(SourceEvents.claimDecided("alpha", link, client, failing, t0.plusSeconds(2)));
        SourceEvents.provisioning(SourceEvents.channelProvisioned("alpha", client, channel, t0.plusSeconds(3)));
        SourceEvents.provisioning(SourceEvents.channelProvisioningFailed("alpha", client, failing, t0.plusSeconds(4)));
        SourceEvents.provisioning(SourceEvents.channelStatusChanged("alpha", client, channel, "channel_restricted", t0.plusSeconds(5)));
        SourceEvents.provisioning(SourceEvents.credentialsRotated("alpha", client, channel, t0.plusSeconds(6)));
        SourceEvents.provisioning(SourceEvents.channelDeprovisioned("alpha", client, channel, t0.plusSeconds(7)));
        return link;
    }

    /** A hosted ES onboarding: one event of each kind of token-service's and of the provisioner's WABAs. */
    private String embeddedSignup(Receiver receiver, String reference) {
        String session = "ss_" + id();
        String signup = "su_" + id();
        String waba = "waba-" + id();
        SourceEvents.signup(SourceEvents.sessionStarted("alpha", session, reference, t0));
        SourceEvents.signup(SourceEvents.sessionEvent("alpha", session, reference, "CANCEL", "PHONE_NUMBER_SETUP", null, null, t0.plusSeconds(1)));
        SourceEvents.signup(SourceEvents.sessionEvent("alpha", session, reference, "ERROR", "WABA_SETUP", "524126", "Try again", t0.plusSeconds(2)));
        // signup-completed is keyed by WABA, the session's events by session: the test keeps them in order.
        awaitTold(receiver, session, 3);
        SourceEvents.signup(SourceEvents.signupCompleted("alpha", signup, session, waba, "phone-1", reference, t0.plusSeconds(3)));
        awaitTold(receiver, session, 4);
        SourceEvents.provisioning(SourceEvents.wabaProvisioningFailed("alpha", waba, t0.plusSeconds(4)));
        SourceEvents.provisioning(SourceEvents.wabaProvisioned("alpha", waba, signup, "phone-1", t0.plusSeconds(5)));
        SourceEvents.provisioning(SourceEvents.wabaStatusChanged(waba, "ACCOUNT_VIOLATION", t0.plusSeconds(6)));
        SourceEvents.provisioning(SourceEvents.wabaLifecycleChanged("alpha", waba, "PARTNER_APP_UNINSTALLED", t0.plusSeconds(7)));
        SourceEvents.provisioning(SourceEvents.wabaOffboarded("alpha", waba, t0.plusSeconds(8)));
        return session;
    }

    /**
     * A second endpoint, taking webhook.test only, that answers 500: once its test delivery failed, its failing
     * start is moved back beyond delivery.disable-after (5 days), so the dispatcher's next poll disables it and tells
     * the hub's other endpoints.
     */
    private Endpoint disableAnotherEndpoint() {
        Receiver failing = receiver(Receiver.answering(r -> 500));
        Endpoint endpoint = Hubs.register(TestApiKeys.ALPHA, failing.url(), List.of(PartnerEventTypes.WEBHOOK_TEST));
        Hubs.as(TestApiKeys.ALPHA).post("/v1/endpoints/" + endpoint.id() + "/test").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.preparedQuery(
                "UPDATE endpoints SET failing_since = now() - interval '6 days' WHERE id = $1 AND failing_since IS NOT NULL")
                .execute(Tuple.of(endpoint.id())).await().atMost(Duration.ofSeconds(5)).rowCount() == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Hubs.as(TestApiKeys.ALPHA).get("/v1/endpoints/" + endpoint.id())
                .then().statusCode(200).body("enabled", org.hamcrest.Matchers.is(false)));
        return endpoint;
    }

    /**
     * Each webhook the onboarding produced: its onboarding, route and the partner's reference, and in the order the
     * onboarding view tells them (the order they were produced in: one onboarding's webhooks reach an endpoint in order).
     */
    private static void assertOnboardingEvents(List<Received> told, String onboarding, String route, String reference) {
        for (Received request : told) {
            JsonNode data = body(request).get("data");
            assertEquals(onboarding, data.get("onboarding_id").asText(), request::body);
            assertEquals(route, data.get("route").asText(), request::body);
            assertEquals(reference, data.get("partner_reference").asText(), request::body);
            assertTrue(data.has("occurred_at"), request::body);
        }
        io.restassured.path.json.JsonPath view = Hubs.as(TestApiKeys.ALPHA).get("/v1/onboardings/" + onboarding)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(view.getList("timeline.message_id"), told.stream().map(Received::webhookId).toList());
        assertEquals(view.getList("timeline.type"), told.stream().map(r -> body(r).get("type").asText()).toList());
    }

    private static void assertNoCredential(String body, Endpoint... endpoints) {
        Set<String> secrets = new HashSet<>(List.of(SourceEvents.SEALED, "ciphertext", "\"api_key\":", "business_token",
                "ingest.internal.example", "hub-own-secret", TestApiKeys.ALPHA));
        for (Endpoint endpoint : endpoints) {
            secrets.add(endpoint.secret());
            secrets.add(endpoint.secret().substring("whsec_".length()));
        }
        for (String secret : secrets) {
            assertFalse(body.contains(secret), () -> "a webhook carries " + secret + ": " + body);
        }
    }

    private static void awaitTold(Receiver receiver, String onboarding, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ofOnboarding(receiver, onboarding).size() >= count);
    }

    /** The onboarding's webhooks, each once, in the order they first arrived. */
    private static List<Received> ofOnboarding(Receiver receiver, String onboarding) {
        return receiver.firstArrivals().stream().filter(r -> onboarding.equals(body(r).path("data").path("onboarding_id").asText(null)))
                .toList();
    }

    private static List<Received> onboardings(Receiver receiver, String... onboardings) {
        List<Received> told = new ArrayList<>();
        for (String onboarding : onboardings) {
            told.addAll(ofOnboarding(receiver, onboarding));
        }
        return told;
    }

    /** The webhooks whose data names the endpoint (webhook.test, endpoint.disabled). */
    private static List<Received> aboutEndpoint(Receiver receiver, Endpoint endpoint) {
        return receiver.firstArrivals().stream().filter(r -> endpoint.id().equals(body(r).path("data").path("endpoint_id").asText(null)))
                .toList();
    }

    private static Set<String> types(List<Received> told) {
        return told.stream().map(r -> body(r).get("type").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode body(Received request) {
        try {
            return JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + request.body(), e);
        }
    }

    private Receiver receiver(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }
}

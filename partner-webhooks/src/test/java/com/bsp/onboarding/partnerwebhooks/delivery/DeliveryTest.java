package com.bsp.onboarding.partnerwebhooks.delivery;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.awaitility.Awaitility.await;

import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEvent;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.bsp.onboarding.partnerwebhooks.support.EndpointCleanup;
import com.bsp.onboarding.partnerwebhooks.support.Hubs;
import com.bsp.onboarding.partnerwebhooks.support.Hubs.Endpoint;
import com.bsp.onboarding.partnerwebhooks.support.FanoutEvents;
import com.bsp.onboarding.partnerwebhooks.support.PartnerWebhooksTestResources;
import com.bsp.onboarding.partnerwebhooks.support.TestApiKeys;
import com.bsp.onboarding.testing.webhooks.Receiver;
import com.standardwebhooks.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryTest {

    static final Class<?> RESOURCES = PartnerWebhooksTestResources.class;

    @Inject
    Pool pool;
    @Inject
    MessageFanout fanout;
    @Inject
    DeliveryDispatcher dispatcher;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void removeEndpoints() {
        EndpointCleanup.removeAll(TestApiKeys.ALPHA);
        receivers.forEach(Receiver::close);
    }

    @Test
    void deliversEachEventSignedSoTheReferenceVerifierAcceptsIt() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        Endpoint endpoint = Hubs.register(TestApiKeys.ALPHA, receiver.url());
        List<PartnerEvent> events = PartnerEventTypes.ALL.stream()
                .map(type -> FanoutEvents.event("alpha", "onb_" + UUID.randomUUID(), type)).toList();

        publish(events);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= events.size());
        Webhook verifier = new Webhook(endpoint.secret());
        for (Receiver.Received request : receiver.received()) {
            verifier.verify(request.body(), request.headers());
            assertThat(request.headers().firstValue("content-type").orElse(null), equalTo("application/json"));
            assertThat(request.headers().firstValue("user-agent").isPresent(), is(true));
            assertThat(request.signature(), startsWith("v1,"));
            assertThat(request.signature(), not(containsString(" ")));
        }
        assertThat(receiver.webhookIds(), containsInAnyOrder(events.stream().map(PartnerEvent::id).toArray()));
        assertThat(receiver.received().get(0).body(), allOf(containsString("\"type\""), containsString("\"timestamp\""),
                containsString("\"data\"")));
    }

    @Test
    void anEndpointAnswering500ThreeTimesGetsTheEventOnTheFourthAttempt() throws Exception {
        Receiver receiver = receiver(Receiver.answering(r -> r.number() <= 3 ? 500 : 200));
        Endpoint endpoint = Hubs.register(TestApiKeys.ALPHA, receiver.url());
        PartnerEvent event = FanoutEvents.event("alpha", "onb_" + UUID.randomUUID(), PartnerEventTypes.WABA_PROVISIONED);

        publish(List.of(event));

        await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(delivery(endpoint).getString("[0].status")));
        JsonPath delivery = delivery(endpoint);
        assertThat(delivery.getInt("[0].attempts_made"), equalTo(4));
        assertThat(delivery.getList("[0].attempts.http_status", Integer.class), contains(500, 500, 500, 200));
        assertThat(delivery.getList("[0].attempts.attempt", Integer.class), contains(1, 2, 3, 4));
        assertThat(delivery.getString("[0].attempts[0].answer_snippet"), containsString("500"));
        assertThat(receiver.webhookIds(), everyItem(equalTo(event.id())));
        assertThat(receiver.webhookIds(), hasSize(4));
        String log = Files.readString(Path.of("target/partner-webhooks-test.log"));
        List<String> attempts = log.lines().filter(line -> line.contains("message " + event.id())).toList();
        assertThat(attempts, hasSize(4));
        assertThat(attempts.get(0), containsString("attempt 1: HTTP 500"));
        assertThat(attempts.get(2), containsString("attempt 3: HTTP 500"));
        assertThat(attempts.get(3), containsString("attempt 4: 200"));
        assertThat(log, not(containsString("hub-own-secret")));
    }

    @Test
    void aHangingEndpointDoesNotDelayAnotherEndpointsDeliveries() {
        Receiver hanging = receiver(Receiver.hanging());
        Receiver fast = receiver(Receiver.ok());
        Endpoint stuck = Hubs.register(TestApiKeys.ALPHA, hanging.url());
        Hubs.register(TestApiKeys.ALPHA, fast.url());
        List<PartnerEvent> events = IntStream.range(0, 40)
                .mapToObj(i -> FanoutEvents.event("alpha", "onb_" + UUID.randomUUID(), PartnerEventTypes.ONBOARDING_STARTED))
                .toList();

        publish(events);

        await().atMost(Duration.ofSeconds(10)).until(() -> fast.received().size() >= events.size());
        // Every request to the hanging endpoint is still open: had the fast one waited behind them, their
        // timeouts would have been recorded first.
        JsonPath log = Hubs.as(TestApiKeys.ALPHA).get("/v1/endpoints/" + stuck.id() + "/deliveries?limit=100")
                .then().statusCode(200).extract().jsonPath();
        assertThat(log.getList("attempts_made", Integer.class), everyItem(equalTo(0)));
        int limit = ConfigProvider.getConfig().getValue("partner-webhooks.delivery.max-in-flight-per-endpoint", Integer.class);
        assertThat(hanging.received().size(), lessThanOrEqualTo(limit));
    }

    @Test
    void anOnboardingsEventsArriveInOrderAcrossARetry() {
        Receiver receiver = receiver(Receiver.answering(r -> r.number() == 1 ? 503 : 200));
        Hubs.register(TestApiKeys.ALPHA, receiver.url());
        String onboarding = "onb_" + UUID.randomUUID();
        List<PartnerEvent> events = List.of(
                FanoutEvents.event("alpha", onboarding, PartnerEventTypes.ONBOARDING_STARTED),
                FanoutEvents.event("alpha", onboarding, PartnerEventTypes.ONBOARDING_COMPLETED),
                FanoutEvents.event("alpha", onboarding, PartnerEventTypes.WABA_PROVISIONED),
                FanoutEvents.event("alpha", onboarding, PartnerEventTypes.CHANNEL_PROVISIONED));

        publish(events);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 5);
        assertThat(receiver.webhookIds(), contains(events.get(0).id(), events.get(0).id(), events.get(1).id(),
                events.get(2).id(), events.get(3).id()));
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        Receiver target = receiver(Receiver.ok());
        Receiver redirecting = receiver(Receiver.answering(r -> 302)).redirectingTo(target.url());
        Endpoint endpoint = Hubs.register(TestApiKeys.ALPHA, redirecting.url());

        publish(List.of(FanoutEvents.event("alpha", "onb_" + UUID.randomUUID(), PartnerEventTypes.ONBOARDING_STARTED)));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery(endpoint).getInt("[0].attempts_made") >= 2);
        JsonPath delivery = delivery(endpoint);
        assertThat(delivery.getString("[0].status"), is(oneOf("pending", "failed")));
        assertThat(delivery.getInt("[0].attempts[0].http_status"), equalTo(302));
        assertThat(target.received(), empty());
    }

    @Test
    void aReplayedDeliveryAndEverythingSinceATimeAreSentAgainWithTheSameWebhookId() {
        Receiver first = receiver(Receiver.ok());
        Endpoint endpoint = Hubs.register(TestApiKeys.ALPHA, first.url(), List.of(PartnerEventTypes.WABA_PROVISIONED));
        // Not earlier: the class's other tests made messages of this hub a moment ago, and replay takes all since.
        String since = java.time.Instant.now().toString();
        PartnerEvent event = FanoutEvents.event("alpha", "onb_" + UUID.randomUUID(), PartnerEventTypes.WABA_PROVISIONED);
        PartnerEvent filteredOut = FanoutEvents.event("alpha", "onb_" + UUID.randomUUID(), PartnerEventTypes.ONBOARDING_STARTED);
        publish(List.of(event, filteredOut));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.received().size() == 1);
        long deliveryId = delivery(endpoint).getLong("[0].delivery_id");

        Hubs.as(TestApiKeys.ALPHA).post("/v1/endpoints/" + endpoint.id() + "/deliveries/" + deliveryId + "/replay")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.received().size() == 2);

        Receiver later = receiver(Receiver.ok());
        Endpoint latecomer = Hubs.register(TestApiKeys.ALPHA, later.url());
        Hubs.as(TestApiKeys.ALPHA).body(java.util.Map.of("since", since)).post("/v1/endpoints/" + latecomer.id() + "/replay")
                .then().statusCode(202).body("replayed", org.hamcrest.Matchers.equalTo(2));
        Hubs.as(TestApiKeys.ALPHA).body(java.util.Map.of("since", since)).post("/v1/endpoints/" + endpoint.id() + "/replay")
                .then().statusCode(202).body("replayed", org.hamcrest.Matchers.equalTo(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> first.received().size() == 3 && later.received().size() == 2);
        assertThat(first.webhookIds(), everyItem(equalTo(event.id())));
        assertThat(later.webhookIds(), containsInAnyOrder(event.id(), filteredOut.id()));
        Hubs.as(TestApiKeys.ALPHA).get("/v1/messages/" + event.id() + "/deliveries").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(2))
                .body("endpoint_id", org.hamcrest.Matchers.containsInAnyOrder(endpoint.id(), latecomer.id()));
    }

    @Test
    void duringARotationBothSecretsSignAndTheTestEventGoesToThatEndpointOnly() throws Exception {
        Receiver receiver = receiver(Receiver.ok());
        Receiver other = receiver(Receiver.ok());
        Endpoint endpoint = Hubs.register(TestApiKeys.ALPHA, receiver.url());
        Hubs.register(TestApiKeys.ALPHA, other.url());
        JsonPath rotation = Hubs.as(TestApiKeys.ALPHA).post("/v1/endpoints/" + endpoint.id() + "/secret/rotate")
                .then().statusCode(200).extract().jsonPath();
        String newSecret = rotation.getString("secret");
        assertThat(newSecret, startsWith("whsec_"));
        assertThat(newSecret, not(equalTo(endpoint.secret())));
        assertThat(java.time.Instant.parse(rotation.getString("previous_secret_expires_at"))
                .isAfter(java.time.Instant.now().plus(Duration.ofHours(23))), is(true));

        String messageId = Hubs.as(TestApiKeys.ALPHA).post("/v1/endpoints/" + endpoint.id() + "/test")
                .then().statusCode(202).extract().jsonPath().getString("message_id");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        Receiver.Received request = receiver.received().get(0);
        assertThat(request.webhookId(), equalTo(messageId));
        assertThat(request.body(), containsString(PartnerEventTypes.WEBHOOK_TEST));
        assertThat(request.signature().split(" ").length, equalTo(2));
        new Webhook(endpoint.secret()).verify(request.body(), request.headers());
        new Webhook(newSecret).verify(request.body(), request.headers());
        assertThat(other.received(), empty());
    }

    private Receiver receiver(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private void publish(List<PartnerEvent> events) {
        FanoutEvents.publish(pool, fanout, dispatcher, events);
    }

    /** The endpoint's delivery log; these tests read its one delivery, [0]. */
    private static JsonPath delivery(Endpoint endpoint) {
        return Hubs.as(TestApiKeys.ALPHA).get("/v1/endpoints/" + endpoint.id() + "/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}

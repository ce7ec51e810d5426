package com.bsp.onboarding.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.bsp.onboarding.testing.webhooks.Receiver;
import com.bsp.onboarding.testing.webhooks.Receiver.Received;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The demo hub's webhook endpoint at partner-webhooks, registered as a partner does (POST /v1/endpoints, every type),
 * with the partner's receiver in this JVM. A test reads what one onboarding was told: each webhook verified with the
 * Standard Webhooks reference verifier over the body as received, as a partner's backend would.
 */
final class PartnerEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One verified webhook: its webhook-id and body. */
    record Told(String id, JsonNode body) {
        String type() {
            return body.get("type").asText();
        }

        JsonNode data() {
            return body.get("data");
        }
    }

    private final Stack stack;
    private final Receiver receiver;
    private final String id;
    private final Webhook verifier;

    private PartnerEndpoint(Stack stack, Receiver receiver, String id, String secret) {
        this.stack = stack;
        this.receiver = receiver;
        this.id = id;
        this.verifier = new Webhook(secret);
    }

    static PartnerEndpoint register(Stack stack) {
        Receiver receiver = Receiver.ok();
        JsonPath created = partnerWebhooks(stack).contentType("application/json").body(Map.of("url", receiver.url()))
                .when().post("/v1/endpoints").then().statusCode(201).extract().jsonPath();
        return new PartnerEndpoint(stack, receiver, created.getString("id"), created.getString("secret"));
    }

    /**
     * Waits until the onboarding's webhooks (each webhook-id once, in the order they first arrived) are {@code types}
     * and answers them, every one verified; fails if one does not verify, or others came.
     */
    List<Told> awaitTold(String onboardingId, List<String> types) {
        return awaitTold(onboardingId, types, webhook -> false);
    }

    /** As {@link #awaitTold(String, List)}, with webhooks that may come besides, in any place: answered too. */
    List<Told> awaitTold(String onboardingId, List<String> types, Predicate<Told> mayAlsoCome) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertEquals(types,
                told(onboardingId).stream().filter(mayAlsoCome.negate()).map(Told::type).toList(), "the webhooks of " + onboardingId));
        return told(onboardingId);
    }

    /** The first webhook of the type. */
    static Told first(List<Told> told, String type) {
        return told.stream().filter(webhook -> webhook.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + told));
    }

    /**
     * GET /v1/onboardings/{id} tells the same story as the webhooks that arrived: the same webhook-ids and types in the
     * same order, with the data they carried. The view is written before a webhook is delivered, so it may be ahead of the
     * receiver by a webhook still on its way: both are read again until they agree.
     */
    JsonNode assertTimelineIsWhatWasTold(String onboardingId) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            view[0] = json(partnerWebhooks(stack).when().get("/v1/onboardings/{id}", onboardingId).then().statusCode(200)
                    .extract().asString());
            List<Told> told = told(onboardingId);
            List<JsonNode> timeline = new ArrayList<>();
            view[0].get("timeline").forEach(timeline::add);
            assertEquals(told.stream().map(Told::id).toList(), timeline.stream().map(e -> e.get("message_id").asText()).toList());
            assertEquals(told.stream().map(Told::type).toList(), timeline.stream().map(e -> e.get("type").asText()).toList());
            for (int i = 0; i < told.size(); i++) {
                assertEquals(told.get(i).data(), timeline.get(i).get("data"), "the data of timeline[" + i + "]");
            }
        });
        return view[0];
    }

    /** No webhook this endpoint received carries {@code secret}. */
    void assertNoWebhookCarries(String secret) {
        for (Received request : receiver.received()) {
            assertFalse(request.body().contains(secret), () -> "a webhook carries a credential: " + request.body());
        }
    }

    private List<Told> told(String onboardingId) {
        return receiver.firstArrivals().stream().map(this::verified)
                .filter(w -> onboardingId.equals(w.data().path("onboarding_id").asText(null))).toList();
    }

    private Told verified(Received request) {
        try {
            verifier.verify(request.body(), request.headers());
        } catch (WebhookVerificationException e) {
            throw new AssertionError("webhook " + request.webhookId() + " does not verify: " + e.getMessage(), e);
        }
        return new Told(request.webhookId(), json(request.body()));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static RequestSpecification partnerWebhooks(Stack stack) {
        return given().baseUri(stack.partnerWebhooks.baseUrl()).header("X-API-Key", Stack.API_KEY);
    }

    /** Removes the endpoint (nothing more is sent to it) and stops the receiver. */
    @Override
    public void close() {
        partnerWebhooks(stack).when().delete("/v1/endpoints/{id}", id).then().statusCode(204);
        receiver.close();
    }
}

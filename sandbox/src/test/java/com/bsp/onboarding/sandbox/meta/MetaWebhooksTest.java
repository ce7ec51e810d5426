package com.bsp.onboarding.sandbox.meta;

import static com.bsp.onboarding.sandbox.support.SandboxTestResources.APP_ID;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.APP_SECRET;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.GRAPH;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.sandbox.support.Signatures;
import com.bsp.onboarding.sandbox.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Meta's account_update webhooks: PARTNER_ADDED after a code exchange, any event on demand, retried until a 200. */
@QuarkusTest
class MetaWebhooksTest {

    @AfterEach
    void answerEverythingAgain() {
        WebhookReceiver.server().resetScenarios();
        WebhookReceiver.server().resetMappings();
        WebhookReceiver.server().stubFor(any(anyUrl()).willReturn(ok()));
    }

    static JsonPath newSignup() {
        return given().contentType(ContentType.JSON).body(Map.of("app_id", APP_ID)).when().post("/sdk/signup/codes")
                .then().statusCode(201).extract().jsonPath();
    }

    static List<LoggedRequest> webhooksFor(String waba, String event) {
        return WebhookReceiver.received(WebhookReceiver.META_PATH, body -> {
            JsonNode value = body.path("entry").path(0).path("changes").path(0).path("value");
            String target = value.has("waba_info") ? value.path("waba_info").path("waba_id").asText() : body.path("entry").path(0).path("id").asText();
            return waba.equals(target) && event.equals(value.path("event").asText());
        });
    }

    static void assertSignedByTheAppSecret(LoggedRequest webhook) {
        assertEquals("sha256=" + Signatures.hmacSha256Hex(APP_SECRET, webhook.getBody()), webhook.getHeader("X-Hub-Signature-256"));
    }

    @Test
    void aCodeExchangeIsFollowedBySignedPartnerAdded() {
        JsonPath signup = newSignup();
        String waba = signup.getString("waba_id");
        given().queryParam("client_id", APP_ID).queryParam("client_secret", APP_SECRET).queryParam("code", signup.getString("code"))
                .when().get(GRAPH + "/oauth/access_token").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooksFor(waba, "PARTNER_ADDED").size() == 1);
        LoggedRequest webhook = webhooksFor(waba, "PARTNER_ADDED").get(0);
        assertSignedByTheAppSecret(webhook);
        JsonNode body = WebhookReceiver.json(webhook);
        assertEquals("whatsapp_business_account", body.path("object").asText());
        JsonNode entry = body.path("entry").path(0);
        assertEquals("100000000000001", entry.path("id").asText(), "partner events come on the partner's business entry");
        assertTrue(Math.abs(entry.path("time").asLong() - Instant.now().getEpochSecond()) < 60);
        JsonNode change = entry.path("changes").path(0);
        assertEquals("account_update", change.path("field").asText());
        assertEquals(signup.getString("business_id"), change.path("value").path("waba_info").path("owner_business_id").asText());
    }

    @Test
    void anyAccountUpdateCanBeSentForAWaba() {
        JsonPath signup = newSignup();
        String waba = signup.getString("waba_id");

        given().contentType(ContentType.JSON).body(Map.of("waba_id", waba, "event", "PARTNER_REMOVED"))
                .when().post("/_sandbox/meta/account-update").then().statusCode(202)
                .body("entry[0].changes[0].value.event", is("PARTNER_REMOVED"))
                .body("entry[0].changes[0].value.waba_info.owner_business_id", is(signup.getString("business_id")));
        given().contentType(ContentType.JSON)
                .body(Map.of("waba_id", waba, "event", "ACCOUNT_VIOLATION", "details", Map.of("violation_info", Map.of("violation_type", "SPAM"))))
                .when().post("/_sandbox/meta/account-update").then().statusCode(202)
                .body("entry[0].id", is(waba));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooksFor(waba, "PARTNER_REMOVED").size() == 1
                && webhooksFor(waba, "ACCOUNT_VIOLATION").size() == 1);
        assertSignedByTheAppSecret(webhooksFor(waba, "PARTNER_REMOVED").get(0));
        LoggedRequest violation = webhooksFor(waba, "ACCOUNT_VIOLATION").get(0);
        assertSignedByTheAppSecret(violation);
        assertEquals("SPAM", WebhookReceiver.json(violation).at("/entry/0/changes/0/value/violation_info/violation_type").asText());
        given().contentType(ContentType.JSON).body(Map.of("event", "PARTNER_REMOVED")).when().post("/_sandbox/meta/account-update")
                .then().statusCode(400);
    }

    @Test
    void aWebhookIsRetriedUntilTheReceiverAnswers200() {
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(WebhookReceiver.META_PATH)).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(WebhookReceiver.META_PATH)).inScenario("outage").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        WebhookReceiver.server().stubFor(post(urlPathEqualTo(WebhookReceiver.META_PATH)).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(ok()));
        String waba = newSignup().getString("waba_id");

        given().contentType(ContentType.JSON).body(Map.of("waba_id", waba, "event", "DISABLED_UPDATE"))
                .when().post("/_sandbox/meta/account-update").then().statusCode(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooksFor(waba, "DISABLED_UPDATE").size() == 3);
        List<LoggedRequest> attempts = webhooksFor(waba, "DISABLED_UPDATE");
        assertTrue(attempts.stream().allMatch(a -> Arrays.equals(attempts.get(0).getBody(), a.getBody())), "the same bytes each time");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().when().get("/_sandbox/webhooks").then()
                .body("webhooks.find { it.event == 'DISABLED_UPDATE' && it.body.entry[0].id == '" + waba + "' }.status", is("delivered"))
                .body("webhooks.find { it.event == 'DISABLED_UPDATE' && it.body.entry[0].id == '" + waba + "' }.attempts", is(3)));
    }
}

package com.bsp.onboarding.sandbox.meta;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.sandbox.support.Signatures;
import com.bsp.onboarding.sandbox.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A second Meta app (sandbox.meta.apps.second): Meta-hosted signups shared with it, its webhooks, its credit line. */
@QuarkusTest
class SeveralMetaAppsTest {

    static final String GRAPH = "/graph/v23.0";
    static final String PATH = WebhookReceiver.META_PATH + "/second-app";

    @Test
    void aHostedSignupWithoutACodeSendsPartnerAddedAndAppInstalledToThatAppsRouteSignedWithItsSecret() {
        JsonPath signup = given().contentType(ContentType.JSON).body(Map.of("app_id", "second-app"))
                .when().post("/_sandbox/meta/hosted-signup").then().statusCode(202).body("app_id", is("second-app"))
                .extract().jsonPath();
        String waba = signup.getString("waba_id");

        await().atMost(Duration.ofSeconds(10)).until(() -> received(waba).size() == 2);
        List<LoggedRequest> webhooks = received(waba);
        // Delivered concurrently (Meta promises no order either).
        assertEquals(java.util.Set.of("PARTNER_ADDED", "PARTNER_APP_INSTALLED"), webhooks.stream()
                .map(w -> WebhookReceiver.json(w).at("/entry/0/changes/0/value/event").asText()).collect(java.util.stream.Collectors.toSet()));
        for (LoggedRequest webhook : webhooks) {
            assertEquals("sha256=" + Signatures.hmacSha256Hex("second-app-secret", webhook.getBody()),
                    webhook.getHeader("X-Hub-Signature-256"));
            JsonNode info = WebhookReceiver.json(webhook).at("/entry/0/changes/0/value/waba_info");
            assertEquals("second-app", info.path("partner_app_id").asText());
            assertEquals(signup.getString("business_id"), info.path("owner_business_id").asText());
        }
        given().when().get("/_sandbox/wabas/{id}", waba).then().statusCode(200)
                .body("phone_numbers[0].id", is(signup.getString("phone_number_id")));
        given().contentType(ContentType.JSON).body(Map.of("app_id", "nobodys-app")).when().post("/_sandbox/meta/hosted-signup")
                .then().statusCode(400);
    }

    @Test
    void onlyAnAppsOwnSystemUserSharesItsCreditLineAndSubscribesItsApp() {
        String waba = given().contentType(ContentType.JSON).body(Map.of("app_id", "second-app"))
                .when().post("/_sandbox/meta/hosted-signup").then().statusCode(202).extract().path("waba_id");

        given().header("Authorization", "Bearer demo-system-user-token").queryParam("waba_id", waba).queryParam("waba_currency", "USD")
                .when().post(GRAPH + "/credit-line-second-app/whatsapp_credit_sharing_and_attach").then().statusCode(403)
                .body("error.code", is(200));
        given().header("Authorization", "Bearer second-app-system-user-token").queryParam("waba_id", waba)
                .queryParam("waba_currency", "USD")
                .when().post(GRAPH + "/credit-line-1/whatsapp_credit_sharing_and_attach").then().statusCode(403);
        given().header("Authorization", "Bearer second-app-system-user-token").queryParam("waba_id", waba)
                .queryParam("waba_currency", "USD")
                .when().post(GRAPH + "/credit-line-second-app/whatsapp_credit_sharing_and_attach").then().statusCode(200);
        given().header("Authorization", "Bearer second-app-system-user-token").when().post(GRAPH + "/{waba}/subscribed_apps", waba)
                .then().statusCode(200);

        given().when().get("/_sandbox/wabas/{id}", waba).then().statusCode(200)
                .body("subscribed_apps", is(List.of("second-app")))
                .body("credit_allocation.credit_line_id", is("credit-line-second-app"));
    }

    private static List<LoggedRequest> received(String waba) {
        return WebhookReceiver.received(PATH, body -> waba.equals(body.at("/entry/0/changes/0/value/waba_info/waba_id").asText()));
    }
}

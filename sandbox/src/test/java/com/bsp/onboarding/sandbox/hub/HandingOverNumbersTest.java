package com.bsp.onboarding.sandbox.hub;

import static com.bsp.onboarding.sandbox.support.SandboxTestResources.PARTNER_ID;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.PLATFORM_SECRET;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.sandbox.support.Signatures;
import com.bsp.onboarding.sandbox.support.WebhookReceiver;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** 360Dialog's account sharing in the sandbox: a number handed over for a client becomes that client's channel. */
@QuarkusTest
class HandingOverNumbersTest {

    private static final String PARTNER_API = "/360dialog/partner/api/v2/partners/{p}/account_sharing/";

    @Test
    void aHandedOverNumberBecomesAChannelOfTheClientAnnouncedByPartnerWebhooks() {
        String waba = "waba-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"waba_id\":\"" + waba + "\",\"business_id\":\"b-" + waba + "\",\"phone_number_id\":\"p-"
                + waba + "\"}").post("/_sandbox/seed").then().statusCode(204);
        String client = given().header("X-API-Key", "partner-key").contentType(ContentType.JSON).body("{\"name\":\"Shop (WABA " + waba + ")\"}")
                .post(PARTNER_API + "clients", PARTNER_ID).then().statusCode(200).extract().path("id");

        given().header("X-API-Key", "partner-key").contentType(ContentType.JSON)
                .body("{\"solution_id\":\"solution-1\",\"waba_external_id\":\"" + waba + "\",\"client_id\":\"" + client + "\"}")
                .post(PARTNER_API + "numbers", PARTNER_ID).then().statusCode(200)
                .body("message", is("Success. Please wait, your number is onboarding."));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooksOf(client).size() == 2);
        List<LoggedRequest> webhooks = webhooksOf(client).stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertEquals(List.of("channel_created", "channel_running"),
                webhooks.stream().map(w -> WebhookReceiver.json(w).path("event").asText()).toList());
        for (LoggedRequest webhook : webhooks) {
            assertEquals(Signatures.hmacSha256Hex(PLATFORM_SECRET, webhook.getBody()), webhook.getHeader("x-360dialog-signature"));
        }
        given().get("/_sandbox/account-sharing").then().statusCode(200)
                .body("numbers.find { it.waba_external_id == '" + waba + "' }.client_id", is(client));
        // 360Dialog onboards a number once.
        given().header("X-API-Key", "partner-key").contentType(ContentType.JSON)
                .body("{\"solution_id\":\"solution-1\",\"waba_external_id\":\"" + waba + "\",\"client_id\":\"" + client + "\"}")
                .post(PARTNER_API + "numbers", PARTNER_ID).then().statusCode(409);
    }

    private static List<LoggedRequest> webhooksOf(String client) {
        return WebhookReceiver.received(WebhookReceiver.DIALOG360_PATH, body -> client.equals(body.path("data").path("client_id").asText()));
    }
}

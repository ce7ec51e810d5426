package com.bsp.onboarding.sandbox.receiver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo receiver partner-webhooks delivers to in the local stack: what it records, and its fault switch. */
@QuarkusTest
class PartnerReceiverTest {

    @TestHTTPResource("/")
    URL root;

    private static String fresh() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int post(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/partner-receiver/{name}", name)
                .then().extract().statusCode();
    }

    @Test
    void recordsTheMethodTheHeadersAndTheBodyByteForByteAndAnswers200() {
        String name = fresh();
        // Spacing, key order and non-ASCII as a sender wrote them: a signature is over exactly these bytes.
        String body = "{\"type\":\"webhook.test\",  \"timestamp\":\"2026-12-02T10:00:00Z\",\"data\":{\"name\":\"Café\"}}";
        given().header("Webhook-Id", "msg_1").header("webhook-timestamp", "1764669600")
                .header("webhook-signature", "v1,abc=").contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/partner-receiver/{name}", name)
                .then().statusCode(200);

        JsonPath received = given().when().get("/partner-receiver/{name}", name).then().statusCode(200)
                .body("name", is(name)).body("count", is(1)).body("fault", nullValue())
                .extract().jsonPath();
        assertEquals("POST", received.getString("requests[0].method"));
        assertEquals("/partner-receiver/" + name, received.getString("requests[0].path"));
        assertEquals("msg_1", received.getString("requests[0].headers.webhook-id"), "header names are lower-cased");
        assertEquals("1764669600", received.getString("requests[0].headers.webhook-timestamp"));
        assertEquals("v1,abc=", received.getString("requests[0].headers.webhook-signature"));
        assertEquals(body, received.getString("requests[0].body"));
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(received.getString("requests[0].body_base64")));
        assertEquals(200, received.getInt("requests[0].answered_status"));
    }

    @Test
    void eachNameIsAReceiverOfItsOwnAndForgetsWhenCleared() {
        String first = fresh();
        String second = fresh();
        post(first, "{\"n\":1}");
        post(first, "{\"n\":2}");
        post(second, "{\"n\":3}");

        given().when().get("/partner-receiver/{name}", first).then().body("count", is(2))
                .body("requests.body", contains("{\"n\":1}", "{\"n\":2}"));
        given().when().get("/partner-receiver/{name}", second).then().body("count", is(1));

        given().when().delete("/partner-receiver/{name}", first).then().statusCode(204);
        given().when().get("/partner-receiver/{name}", first).then().statusCode(200).body("count", is(0));
        given().when().get("/partner-receiver/{name}", second).then().body("count", is(1));
    }

    @Test
    void answers500ForTheNextRequestsItIsToldThenReceivesAgain() {
        String name = fresh();
        given().contentType(ContentType.JSON).body(Map.of("times", 3)).when()
                .post("/_sandbox/partner-receiver/{name}/faults", name).then().statusCode(204);
        given().when().get("/partner-receiver/{name}", name).then().body("fault.remaining", is(3))
                .body("fault.http_status", is(500));

        assertEquals(500, post(name, "{\"attempt\":1}"));
        assertEquals(500, post(name, "{\"attempt\":2}"));
        assertEquals(500, post(name, "{\"attempt\":3}"));
        assertEquals(200, post(name, "{\"attempt\":4}"));

        // Failed attempts are recorded too, with what they were answered: a retry schedule can be read off them.
        given().when().get("/partner-receiver/{name}", name).then().body("count", is(4))
                .body("requests.answered_status", contains(500, 500, 500, 200)).body("fault", nullValue());
    }

    @Test
    void aFaultUntilClearedKeepsFailingWithItsStatusUntilItIsCleared() {
        String name = fresh();
        given().contentType(ContentType.JSON).body(Map.of("http_status", 503)).when()
                .post("/_sandbox/partner-receiver/{name}/faults", name).then().statusCode(204);
        assertEquals(503, post(name, "{}"));
        assertEquals(503, post(name, "{}"));
        given().when().delete("/_sandbox/partner-receiver/{name}/faults", name).then().statusCode(204);
        assertEquals(200, post(name, "{}"));
    }

    @Test
    void aHangingReceiverAnswersOnlyAfterItsDelayAndHoldsUpNoOtherReceiver() throws Exception {
        String hanging = fresh();
        String other = fresh();
        given().contentType(ContentType.JSON).body(Map.of("times", 1, "http_status", 200, "delay_millis", 4000)).when()
                .post("/_sandbox/partner-receiver/{name}/faults", hanging).then().statusCode(204);

        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(HttpRequest.newBuilder(
                        URI.create(root + "partner-receiver/" + hanging)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        // Recorded at once, answered later.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3)).until(() ->
                given().when().get("/partner-receiver/{name}", hanging).then().extract().jsonPath().getInt("count") == 1);

        assertEquals(200, post(other, "{}"));
        assertFalse(held.isDone(), "the hanging receiver has not answered yet");
        assertEquals(200, held.get(30, TimeUnit.SECONDS).statusCode());
        given().when().get("/partner-receiver/{name}", hanging).then().body("requests[0].answer_delay_millis", is(4000));
    }

    @Test
    void anInvalidFaultIsRefusedAndChangesNothing() {
        String name = fresh();
        for (Map<String, Object> fault : java.util.List.<Map<String, Object>>of(Map.of("times", 0),
                Map.of("http_status", 99), Map.of("http_status", 600), Map.of("delay_millis", -1),
                Map.of("delay_millis", ReceiverAdminResource.MAX_DELAY_MILLIS + 1))) {
            given().contentType(ContentType.JSON).body(fault).when().post("/_sandbox/partner-receiver/{name}/faults", name)
                    .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("must be"));
        }
        assertEquals(200, post(name, "{}"));
    }
}

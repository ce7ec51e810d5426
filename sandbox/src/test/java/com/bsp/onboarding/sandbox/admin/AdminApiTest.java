package com.bsp.onboarding.sandbox.admin;

import static com.bsp.onboarding.sandbox.support.SandboxTestResources.GRAPH;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API under /_sandbox, driven by the same {@link EmulatorAdmin} the services' tests use against
 * the in-process emulator, and the provider APIs mounted under their prefixes.
 */
@QuarkusTest
class AdminApiTest {

    @TestHTTPResource("/")
    URL root;

    EmulatorAdmin admin() {
        return new EmulatorAdmin(root.toString(), "/_sandbox");
    }

    @AfterEach
    void clearFaultsAndLatency() {
        admin().clearFaults();
        admin().latencyMillis(0);
        admin().latencyMillis("list_phone_numbers", 0);
    }

    static String fresh(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void callsAreCountedPerOperationAndTargetWithTheirToken() {
        String waba = fresh("waba-");
        given().header("Authorization", "Bearer business-token").when().post(GRAPH + "/{waba}/subscribed_apps", waba)
                .then().statusCode(200).body("success", is(true));
        given().header("Authorization", "Bearer business-token").when().get(GRAPH + "/{waba}/subscribed_apps", waba)
                .then().statusCode(200).body("data[0].whatsapp_business_api_data.id", is("demo-app-id"));

        assertEquals(1, admin().count("subscribe_app", waba));
        assertEquals(1, admin().count("list_subscribed_apps", waba));
        JsonNode call = admin().calls("subscribe_app", waba).get(0);
        assertEquals("Bearer business-token", call.path("authorization").asText());
        assertTrue(admin().summary().path("subscribe_app").path("calls").asInt() >= 1);
    }

    @Test
    void anInjectedFaultAnswersTheNextCallsWithTheGraphError() {
        String phone = fresh("phone-");
        admin().failNext("register", 1, 503, 2);

        register(phone).statusCode(503).body("error.code", is(2)).body("error.message", is("Injected fault"));
        register(phone).statusCode(200).body("success", is(true));
        assertEquals(2, admin().count("register", phone));
    }

    @Test
    void aFaultWithSubcodeOrDropIsAcceptedAsEmulatorAdminSendsIt() {
        String phone = fresh("phone-");
        given().contentType(ContentType.JSON)
                .body("{\"operation\":\"register\",\"times\":1,\"http_status\":400,\"code\":100,\"subcode\":33}")
                .when().post("/_sandbox/faults").then().statusCode(204);
        register(phone).statusCode(400).body("error.code", is(100)).body("error.error_subcode", is(33));

        // No Content-Type, as a quick curl -d sends it.
        given().body("{\"operation\":\"register\",\"times\":1,\"drop\":true}").when().post("/_sandbox/faults").then().statusCode(204);
        assertThrows(Exception.class, () -> register(phone));
        register(phone).statusCode(200);
    }

    @Test
    void latencyOfOneOperationDelaysOnlyItsAnswer() {
        String waba = fresh("waba-");
        admin().latencyMillis("list_phone_numbers", 600);

        long started = System.nanoTime();
        given().header("Authorization", "Bearer t").when().get(GRAPH + "/{waba}/phone_numbers", waba).then().statusCode(200);
        long slowMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        given().header("Authorization", "Bearer t").when().get(GRAPH + "/{waba}/subscribed_apps", waba).then().statusCode(200);
        long fastMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(slowMillis >= 600, "delayed: " + slowMillis + " ms");
        assertTrue(fastMillis < 500, "not delayed: " + fastMillis + " ms");
    }

    @Test
    void aSeededWabaIsProvisionedThroughTheGraphRoutesAndShownInItsState() {
        String waba = fresh("waba-");
        String phone = fresh("phone-");
        admin().seed(waba, "business-1", phone, false);

        String allocation = given().header("Authorization", "Bearer system").queryParam("waba_id", waba).queryParam("waba_currency", "USD")
                .when().post(GRAPH + "/credit-line-1/whatsapp_credit_sharing_and_attach").then().statusCode(200)
                .extract().path("allocation_config_id");
        given().header("Authorization", "Bearer system").queryParam("fields", "receiving_credential")
                .when().get(GRAPH + "/{id}", allocation).then().statusCode(200).body("receiving_credential.id", containsString("funding-"));
        register(phone).statusCode(200);

        given().when().get("/_sandbox/wabas/{id}", waba).then().statusCode(200)
                .body("business_id", is("business-1"))
                .body("phone_numbers.registered", contains(true))
                .body("credit_allocation.id", is(allocation))
                .body("credit_allocation.credit_line_id", is("credit-line-1"));
        given().when().get("/_sandbox/wabas/{id}", fresh("unknown-")).then().statusCode(404);
    }

    @Test
    void the360DialogApisAreServedUnderTheirPrefixes() {
        String channel = fresh("channel-");
        String key = given().header("X-API-Key", "partner-key").when()
                .post("/360dialog/partner/api/v2/partners/demoPartner/channels/{c}/api_keys", channel)
                .then().statusCode(201).extract().path("api_keys[0].api_key");

        given().header("D360-API-KEY", key).contentType(ContentType.JSON)
                .body("{\"url\":\"http://localhost:8082/webhooks/360dialog/demoPartner/channels/" + channel + "\",\"headers\":{\"X-Channel-Auth\":\"a\"}}")
                .when().post("/360dialog/messaging/v1/configs/webhook").then().statusCode(200);
        given().header("D360-API-KEY", key).when().get("/360dialog/messaging/v1/configs/webhook").then().statusCode(200)
                .body("url", containsString(channel));
        given().when().get("/360dialog/messaging/v1/configs/webhook").then().statusCode(401);
        assertEquals(1, admin().count("create_api_key", channel));
        // Each prefix serves its own API only.
        given().header("X-API-Key", "partner-key").when().post("/graph/api/v2/partners/demoPartner/channels/{c}/api_keys", channel)
                .then().statusCode(404);
    }

    @Test
    void aCountOfCodesIssuesThatManyDistinctSignupsMetaKnows() {
        JsonNode codes = given().contentType(ContentType.JSON).body("{\"count\":3}").when().post("/_sandbox/codes")
                .then().statusCode(201).extract().as(JsonNode.class);

        assertEquals(3, codes.size());
        Set<String> distinct = new HashSet<>();
        for (JsonNode code : codes) {
            distinct.add(code.path("code").asText());
            distinct.add(code.path("waba_id").asText());
            assertEquals(Duration.ofSeconds(2), Duration.between(Instant.parse(code.path("issued_at").asText()),
                    Instant.parse(code.path("expires_at").asText())), "the test profile's sandbox.code-ttl");
            given().when().get("/_sandbox/wabas/{id}", code.path("waba_id").asText()).then().statusCode(200)
                    .body("business_id", is(code.path("business_id").asText()));
        }
        assertEquals(6, distinct.size());
    }

    @Test
    void aCountOutOfRangeIsRefusedAsAProblem() {
        for (String count : new String[] {"0", "-1", "100001"}) {
            given().contentType(ContentType.JSON).body("{\"count\":" + count + "}").when().post("/_sandbox/codes")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", is(400)).body("detail", containsString("count must be between 1 and 100000"));
        }
        given().contentType(ContentType.JSON).body("{}").when().post("/_sandbox/codes")
                .then().statusCode(201).body("code", notNullValue());
    }

    @Test
    void resetForgetsStateAndCalls() {
        String waba = fresh("waba-");
        admin().seed(waba, "business-2", fresh("phone-"), false);
        given().header("Authorization", "Bearer t").when().post(GRAPH + "/{waba}/subscribed_apps", waba).then().statusCode(200);

        admin().reset();

        assertEquals(0, admin().count("subscribe_app", waba));
        given().when().get("/_sandbox/wabas/{id}", waba).then().statusCode(404);
    }

    @Test
    void theAdminApiIsDocumentedAndTheServiceReportsHealth() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/_sandbox/faults"))
                .body("paths", hasKey("/_sandbox/meta/account-update"))
                .body("paths", hasKey("/_sandbox/wabas/{wabaId}"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    private static ValidatableResponse register(String phone) {
        return given().header("Authorization", "Bearer business-token").contentType(ContentType.JSON)
                .body("{\"messaging_product\":\"whatsapp\",\"pin\":\"123456\"}")
                .when().post(GRAPH + "/{phone}/register", phone).then();
    }
}

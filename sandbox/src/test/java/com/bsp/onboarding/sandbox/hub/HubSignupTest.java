package com.bsp.onboarding.sandbox.hub;

import static com.bsp.onboarding.sandbox.support.SandboxTestResources.PARTNER_ID;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.PLATFORM_SECRET;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.sandbox.support.Signatures;
import com.bsp.onboarding.sandbox.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** 360Dialog's hub as link-service's signed links reach it, and what it sends back and to the partner's webhook. */
@QuarkusTest
class HubSignupTest {

    private static final Pattern SIGNUP_ID = Pattern.compile("name=\"signup\" value=\"([^\"]+)\"");
    private static final String CALLBACK = "http://localhost:8081/io/callback";
    /**
     * The signature covers only partner and second, so two links of the same second share it and the second
     * is a replay; each test takes a second of its own.
     */
    private static final AtomicLong SECONDS = new AtomicLong(Instant.now().getEpochSecond() - 1);

    static long uniqueSecond() {
        return SECONDS.getAndDecrement();
    }

    /** A link as link-service builds it: IO parameters, a fresh signature, the callback as redirect_url. */
    static Map<String, Object> signedLink(String state, long timestamp) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("email", "owner@shop.example");
        params.put("lang", "en");
        params.put("state", state);
        params.put("redirect_url", CALLBACK);
        params.put("io_timestamp", timestamp);
        params.put("io_signature", Signatures.ioSignature(PARTNER_ID, timestamp, PLATFORM_SECRET));
        return params;
    }

    static String open(Map<String, Object> link) {
        String page = given().queryParams(link).when().get("/hub/signup/{p}", PARTNER_ID).then().statusCode(200)
                .body(containsString("id=\"complete\"")).extract().asString();
        Matcher signup = SIGNUP_ID.matcher(page);
        assertTrue(signup.find(), "the form carries the signup id");
        return signup.group(1);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void aValidlySignedLinkShowsTheSignupPage() {
        long now = uniqueSecond();
        String page = given().queryParams(signedLink("state-" + UUID.randomUUID(), now)).when().get("/hub/signup/{p}", PARTNER_ID)
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();

        assertTrue(page.contains("owner@shop.example"), "the link's parameters are shown");
        assertTrue(page.contains("action=\"/hub/signup/demoPartner/complete\""), page);
    }

    @Test
    void aWrongSignatureIsRefused() {
        long now = uniqueSecond();
        Map<String, Object> link = signedLink("s", now);
        link.put("io_signature", Signatures.ioSignature(PARTNER_ID, now, "another-secret"));
        given().queryParams(link).when().get("/hub/signup/{p}", PARTNER_ID).then().statusCode(403);

        link = signedLink("s", now);
        link.put("io_timestamp", now + 1);
        given().queryParams(link).when().get("/hub/signup/{p}", PARTNER_ID).then().statusCode(403);

        link = signedLink("s", now);
        link.remove("io_signature");
        given().queryParams(link).when().get("/hub/signup/{p}", PARTNER_ID).then().statusCode(403);

        given().queryParams(signedLink("s", now)).when().get("/hub/signup/{p}", "unknownPartner").then().statusCode(404);
    }

    @Test
    void aSignatureServesOneOnboardingAttempt() {
        Map<String, Object> link = signedLink("state-" + UUID.randomUUID(), uniqueSecond());
        open(link);

        given().queryParams(link).when().get("/hub/signup/{p}", PARTNER_ID).then().statusCode(409)
                .body(containsString("replay"));
        given().queryParams(link).when().get("/hub/permissions/{p}", PARTNER_ID).then().statusCode(409);
    }

    @Test
    void completingSendsTheBrowserBackWithClientChannelsAndStateAndAnnouncesTheChannels() {
        String state = "state-" + UUID.randomUUID();
        String signup = open(signedLink(state, uniqueSecond()));

        Response completed = given().redirects().follow(false).formParam("signup", signup).formParam("channels", "2")
                .when().post("/hub/signup/{p}/complete", PARTNER_ID);

        assertEquals(303, completed.statusCode());
        URI location = URI.create(completed.header("Location"));
        assertTrue(location.toString().startsWith(CALLBACK + "?"), location.toString());
        Map<String, String> back = query(location);
        assertEquals(List.of("client", "channels", "state"), List.copyOf(back.keySet()));
        assertEquals(state, back.get("state"));
        // The bracket list link-service parses: [a,b], no quotes, not JSON.
        assertTrue(back.get("channels").matches("\\[[A-Za-z0-9]+CH,[A-Za-z0-9]+CH\\]"), back.get("channels"));
        String client = back.get("client");
        List<String> channels = Arrays.asList(back.get("channels").substring(1, back.get("channels").length() - 1).split(","));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooksOf(client).size() == 4);
        List<LoggedRequest> webhooks = webhooksOf(client);
        for (LoggedRequest webhook : webhooks) {
            assertEquals(Signatures.hmacSha256Hex(PLATFORM_SECRET, webhook.getBody()), webhook.getHeader("x-360dialog-signature"),
                    "signed over the raw body with the platform secret");
            assertTrue(webhook.getHeader("Content-Type").startsWith("application/json"));
        }
        for (String channel : channels) {
            List<JsonNode> events = webhooks.stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).map(WebhookReceiver::json)
                    .filter(body -> body.path("data").path("id").asText().equals(channel)).toList();
            assertEquals(List.of("channel_created", "channel_running"), events.stream().map(e -> e.path("event").asText()).toList());
            assertEquals(List.of("pending", "running"), events.stream().map(e -> e.path("data").path("status").asText()).toList());
            events.forEach(e -> assertEquals(client, e.path("data").path("client_id").asText()));
            events.forEach(e -> assertTrue(e.hasNonNull("id"), "each webhook has an id"));
        }
    }

    @Test
    void aSignupsClientCarriesTheLinksPartnerParameterAsPartnerPayloadWithItsChannelsInThePartnerApi() {
        String payload = UUID.randomUUID().toString();
        Map<String, Object> link = signedLink("state-" + UUID.randomUUID(), uniqueSecond());
        link.put("partner", payload);
        String signup = open(link);
        URI location = URI.create(given().redirects().follow(false).formParam("signup", signup).formParam("channels", "1")
                .when().post("/hub/signup/{p}/complete", PARTNER_ID).then().statusCode(303).extract().header("Location"));
        Map<String, String> back = query(location);
        String client = back.get("client");
        String channel = back.get("channels").substring(1, back.get("channels").length() - 1);

        given().header("X-API-Key", "partner-key").queryParam("filters", "{\"partner_payload\":\"" + payload + "\"}")
                .when().get("/360dialog/partner/api/v2/partners/{p}/clients", PARTNER_ID).then().statusCode(200)
                .body("total", org.hamcrest.Matchers.is(1)).body("clients[0].id", org.hamcrest.Matchers.is(client))
                .body("clients[0].partner_payload", org.hamcrest.Matchers.is(payload));
        given().header("X-API-Key", "partner-key").queryParam("filters", "{\"partner_payload\":\"another-link\"}")
                .when().get("/360dialog/partner/api/v2/partners/{p}/clients", PARTNER_ID).then().statusCode(200)
                .body("clients.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(client)));
        given().header("X-API-Key", "partner-key").queryParam("filters", "{\"client_id\":\"" + client + "\"}")
                .when().get("/360dialog/partner/api/v2/partners/{p}/channels", PARTNER_ID).then().statusCode(200)
                .body("partner_channels.id", org.hamcrest.Matchers.contains(channel))
                .body("partner_channels[0].client_id", org.hamcrest.Matchers.is(client));
    }

    @Test
    void aSignupIsCompletedOnce() {
        String signup = open(signedLink("state-" + UUID.randomUUID(), uniqueSecond()));
        given().redirects().follow(false).formParam("signup", signup).when().post("/hub/signup/{p}/complete", PARTNER_ID)
                .then().statusCode(303);

        given().redirects().follow(false).formParam("signup", signup).when().post("/hub/signup/{p}/complete", PARTNER_ID)
                .then().statusCode(409);
        given().redirects().follow(false).formParam("signup", "never-opened").when().post("/hub/signup/{p}/complete", PARTNER_ID)
                .then().statusCode(404);
    }

    @Test
    void aLinkWithoutRedirectUrlGoesToTheHubsDefaultOne() {
        Map<String, Object> link = signedLink("state-default", uniqueSecond());
        link.remove("redirect_url");
        String signup = open(link);

        String location = given().redirects().follow(false).formParam("signup", signup)
                .when().post("/hub/signup/{p}/complete", PARTNER_ID).then().statusCode(303).extract().header("Location");

        assertTrue(location.startsWith("https://partner.example.test/hub-default?client="), location);
        assertTrue(query(URI.create(location)).get("channels").matches("\\[[A-Za-z0-9]+CH\\]"), "one channel by default: " + location);
    }

    @Test
    void aHubWithoutRedirectOrWebhookShowsTheResult() {
        long now = uniqueSecond();
        String page = given().queryParam("io_timestamp", now)
                .queryParam("io_signature", Signatures.ioSignature("quietPartner", now, "quiet-platform-secret"))
                .when().get("/hub/permissions/{p}", "quietPartner").then().statusCode(200).extract().asString();
        Matcher signup = SIGNUP_ID.matcher(page);
        assertTrue(signup.find());

        given().formParam("signup", signup.group(1)).when().post("/hub/signup/{p}/complete", "quietPartner").then()
                .statusCode(200).body(containsString("Signup completed")).body(containsString("CL</code>"));
    }

    private static List<LoggedRequest> webhooksOf(String client) {
        return WebhookReceiver.received(WebhookReceiver.DIALOG360_PATH, body -> client.equals(body.path("data").path("client_id").asText()));
    }
}

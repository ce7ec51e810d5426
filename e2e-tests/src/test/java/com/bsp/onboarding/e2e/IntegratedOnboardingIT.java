package com.bsp.onboarding.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The 360Dialog route through public APIs and a real browser: a partner platform asks link-service for a
 * link, the customer signs up at the (sandbox) hub and is sent back through link-service's callback,
 * 360Dialog's signed webhooks reach webhook-ingest, the provisioner gives the channel its API key and
 * webhook, and the link shows the channel provisioned; the partner is told each step by signed webhooks
 * (partner-webhooks) and fetches the channel's API key with its credentials key.
 */
class IntegratedOnboardingIT {

    private static Stack stack;
    private static ChromeDriver browser;
    private static PartnerEndpoint partner;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        partner = PartnerEndpoint.register(stack);
        browser = Browser.start(Path.of("target/e2e-logs"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (partner != null) {
            partner.close();
        }
    }

    @Test
    void aLinkLeadsThroughTheHubAndTheCallbackToAProvisionedChannel() {
        JsonPath link = given().baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .contentType("application/json")
                .body(Map.of("redirect_url", "https://localhost/onboarded", "state", "tenant-42", "email", "owner@shop.example",
                        "partner", "crm-e2e-42"))
                .when().post("/v1/links").then().statusCode(201).extract().jsonPath();

        browser.get(link.getString("url"));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.id("complete"))).click();
        // The hub redirects to link-service's callback, which forwards to the partner's page with its state.
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith("https://localhost/onboarded"));
        assertTrue(browser.getCurrentUrl().contains("tenant-42"), browser.getCurrentUrl());

        String id = link.getString("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/links/{id}", id).then().statusCode(200)
                .body("status", is("completed"))
                .body("onboarding.status", is("provisioned")));
        JsonPath done = given().baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/links/{id}", id).then().extract().jsonPath();
        List<String> channels = done.getList("channels");
        assertEquals(1, channels.size());
        assertEquals(List.of("provisioned"), done.getList("onboarding.channels.provisioning"));

        // The provisioner's own view: the channel's webhook points at webhook-ingest.
        given().baseUri(stack.wabaProvisioner.baseUrl()).header("X-API-Key", Stack.OPS_KEY).when().get("/v1/channels/{p}/{c}", Stack.PARTNER_ID, channels.get(0))
                .then().statusCode(200).body("status", is("provisioned"))
                .body("webhook_url", is(stack.webhookIngest.baseUrl() + "/webhooks/360dialog/" + Stack.PARTNER_ID + "/channels/"
                        + channels.get(0)));

        // The partner was told, in order, by webhooks it verified; the onboarding view tells the same.
        List<PartnerEndpoint.Told> told = partner.awaitTold(id,
                List.of("onboarding.started", "onboarding.completed", "channel.provisioned"));
        for (PartnerEndpoint.Told webhook : told) {
            assertEquals("integrated_onboarding", webhook.data().get("route").asText());
            assertEquals("crm-e2e-42", webhook.data().get("partner_reference").asText(), "the link's partner value");
        }
        assertEquals(done.getString("client_id"), told.get(1).data().get("client_id").asText());
        assertEquals(channels, List.of(told.get(1).data().get("channels").get(0).asText()));
        JsonNode provisioned = told.get(2).data();
        assertEquals(channels.get(0), provisioned.get("channel_id").asText());
        JsonNode view = partner.assertTimelineIsWhatWasTold(id);
        assertEquals("provisioned", view.get("status").asText());
        assertEquals(done.getString("client_id"), view.get("client_id").asText());

        // Where channel.provisioned says the key is: the hub's credentials key fetches it, its ordinary key is refused.
        JsonNode fetch = provisioned.get("credential_fetch");
        assertEquals("waba-provisioner", fetch.get("service").asText());
        assertEquals("GET", fetch.get("method").asText());
        String apiKey = given().baseUri(stack.wabaProvisioner.baseUrl()).header("Authorization", "Bearer " + Stack.CREDENTIALS_KEY)
                .when().get(fetch.get("path").asText()).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("channel_id", is(channels.get(0))).extract().path("api_key");
        assertTrue(apiKey != null && !apiKey.isBlank(), "the channel's API key is handed out");
        given().baseUri(stack.wabaProvisioner.baseUrl()).header("Authorization", "Bearer " + Stack.API_KEY)
                .when().get(fetch.get("path").asText()).then().statusCode(403);
        partner.assertNoWebhookCarries(apiKey);
    }

    /**
     * Popup mode (reference §1.3): the partner's page opens the link with window.open; after the signup the
     * callback's page posts window.location.search to window.opener at the partner's origin and closes.
     */
    @Test
    void aPopupLinkHandsTheRedirectsQueryToThePartnersPageAndCloses() throws Exception {
        try (PartnerPopupPage partner = new PartnerPopupPage()) {
            JsonPath link = given().baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                    .contentType("application/json").body(Map.of("popup_origin", partner.origin()))
                    .when().post("/v1/links").then().statusCode(201).extract().jsonPath();
            assertEquals(partner.origin(), link.getString("popup_origin"));
            String linkServiceOrigin = stack.linkService.baseUrl();

            String opener = browser.getWindowHandle();
            browser.get(partner.serve(link.getString("url"), linkServiceOrigin));
            browser.findElement(By.id("connect")).click();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> d.getWindowHandles().size() == 2);
            String popup = browser.getWindowHandles().stream().filter(h -> !h.equals(opener)).findFirst().orElseThrow();
            browser.switchTo().window(popup);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("complete"))).click();
            browser.switchTo().window(opener);

            wait.until(d -> !d.findElement(By.id("result")).getText().isEmpty());
            wait.until(d -> d.getWindowHandles().size() == 1);
            String data = browser.findElement(By.id("result")).getText();
            assertEquals(linkServiceOrigin, browser.findElement(By.id("result")).getAttribute("data-origin"));
            assertEquals("", browser.findElement(By.id("ignored")).getText(), "no message from another origin");

            JsonPath done = given().baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                    .when().get("/v1/links/{id}", link.getString("id")).then().statusCode(200)
                    .body("status", is("completed")).extract().jsonPath();
            List<String> channels = done.getList("channels");
            assertEquals(1, channels.size());
            // The callback's query as the hub (sandbox, HubSignups.redirect) wrote it: brackets percent-encoded.
            assertEquals("?client=" + done.getString("client_id") + "&channels=%5B" + channels.get(0) + "%5D&state="
                    + link.getString("state"), data);
        }
    }

    /**
     * The attack of issue 14 against the running stack: a customer holding only its own link sends its own state with
     * another customer's client and channel (whose redirect was lost). The redirect is unsigned, so it is a claim:
     * 360Dialog's signed webhooks and its Partner API (the victim's client carries the victim's link as
     * partner_payload) refuse it. Nothing is handed over, no API key is made; the victim's own redirect still works.
     */
    @Test
    void aForgedRedirectWithAnotherCustomersClientAndChannelHandsTheForgerNothing() throws Exception {
        JsonPath victim = newLink();
        String victimCallback = completeAtTheHub(victim.getString("url"));
        java.util.Map<String, String> victimRedirect = query(victimCallback);
        String victimChannel = victimRedirect.get("channels").replaceAll("[\\[\\]]", "");
        // The victim's channel runs at 360Dialog (its webhooks arrive), but its redirect is lost.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(stack.wabaProvisioner.baseUrl()).header("X-API-Key", Stack.OPS_KEY).when().get("/v1/channels/{p}/{c}", Stack.PARTNER_ID, victimChannel)
                .then().statusCode(200).body("running", is(true)));

        JsonPath forger = newLink();
        String forgerState = query(completeAtTheHub(forger.getString("url"))).get("state");
        given().baseUri(stack.linkService.baseUrl()).redirects().follow(false)
                .queryParam("state", forgerState).queryParam("client", victimRedirect.get("client"))
                .queryParam("channels", "[" + victimChannel + "]")
                .when().get("/io/callback").then().statusCode(org.hamcrest.Matchers.oneOf(200, 303));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/links/{id}", forger.getString("id")).then().statusCode(200)
                .body("onboarding.status", is("refused"))
                .body("onboarding.channels[0].claim", is("refused"))
                .body("onboarding.channels[0].refused_because", is("client_not_of_link")));
        given().baseUri(stack.wabaProvisioner.baseUrl()).header("X-API-Key", Stack.OPS_KEY).when().get("/v1/channels/{p}/{c}", Stack.PARTNER_ID, victimChannel)
                .then().statusCode(200).body("status", is("waiting")).body("permitted", is(false));

        // The victim's own redirect, late, provisions its channel.
        given().urlEncodingEnabled(false).redirects().follow(false).when().get(victimCallback).then().statusCode(org.hamcrest.Matchers.oneOf(200, 303));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/links/{id}", victim.getString("id")).then().statusCode(200)
                .body("onboarding.status", is("provisioned")).body("onboarding.claims", is("confirmed")));
    }

    private static JsonPath newLink() {
        return given().baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY).contentType("application/json")
                .body(Map.of("email", "owner@shop.example")).when().post("/v1/links").then().statusCode(201).extract().jsonPath();
    }

    /** The customer signs up at the hub (as demo.sh does, without a browser); the hub's redirect to the callback, not followed. */
    private static String completeAtTheHub(String linkUrl) {
        // The link's query is encoded already (redirect_url): sent as it is.
        String page = given().urlEncodingEnabled(false).redirects().follow(false).when().get(linkUrl).then().statusCode(200).extract().asString();
        java.util.regex.Matcher signup = java.util.regex.Pattern.compile("name=\"signup\" value=\"([^\"]*)\"").matcher(page);
        java.util.regex.Matcher action = java.util.regex.Pattern.compile("<form[^>]* action=\"([^\"]*)\"").matcher(page);
        assertTrue(signup.find() && action.find(), page);
        String origin = linkUrl.replaceAll("^(https?://[^/]+).*", "$1");
        return given().redirects().follow(false).formParam("signup", signup.group(1)).formParam("channels", "1")
                .when().post(origin + action.group(1).replace("&amp;", "&")).then().statusCode(303).extract().header("Location");
    }

    private static java.util.Map<String, String> query(String url) {
        java.util.Map<String, String> params = new java.util.HashMap<>();
        for (String pair : java.net.URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }
}

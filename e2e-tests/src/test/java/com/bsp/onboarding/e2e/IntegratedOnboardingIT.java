package com.bsp.onboarding.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * webhook, and the link shows the channel provisioned.
 */
class IntegratedOnboardingIT {

    private static Stack stack;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        browser = Browser.start(Path.of("target/e2e-logs"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aLinkLeadsThroughTheHubAndTheCallbackToAProvisionedChannel() {
        JsonPath link = given().baseUri(stack.linkService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .contentType("application/json")
                .body(Map.of("redirect_url", "https://localhost/onboarded", "state", "tenant-42", "email", "owner@shop.example"))
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
}

package com.bsp.onboarding.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.emulator.EmulatorAdmin;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Meta's route, in headless Chromium: the partner opens a hosted signup session, the customer's browser
 * runs token-service's page with the (sandbox) Facebook SDK, finishes Embedded Signup in the popup, the
 * page hands the code to token-service within its 30 seconds, and the provisioner subscribes, funds and
 * registers the WABA. Then once more with a fifth of Graph's provisioning calls failing.
 */
class EmbeddedSignupInBrowserIT {

    /** Graph calls of provisioning (not the code exchange: a code works once, token-service does not retry it). */
    static final List<String> PROVISIONING_CALLS = List.of("subscribe_app", "list_subscribed_apps", "share_credit_line",
            "read_credit_lines", "list_allocations", "read_allocation", "read_waba", "list_phone_numbers", "register");

    private static Stack stack;
    private static ChromeDriver browser;
    private static EmulatorAdmin sandbox;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        browser = Browser.start(Path.of("target/e2e-logs"));
        sandbox = new EmulatorAdmin(stack.sandbox.baseUrl(), "/_sandbox");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
    }

    @Test
    void theHostedPageLeadsThroughEmbeddedSignupToAProvisionedWaba() {
        String wabaId = signUpInBrowser();

        JsonPath waba = awaitProvisioned(wabaId);
        assertEquals("shared", waba.getString("credit_sharing"));
        assertEquals("registered", waba.getString("phone_registration"));
        assertEquals(1, sandbox.count("subscribe_app", wabaId));
        assertEquals(1, sandbox.count("share_credit_line", wabaId));
    }

    @Test
    void withAFifthOfGraphCallsFailingTheWabaIsStillProvisionedAndEachSideEffectHappensOnce() {
        for (String operation : PROVISIONING_CALLS) {
            sandbox.failRate(operation, 0.2, 500, null);
        }
        sandbox.failRate("read_template_namespace", 0.2, 400, 80007);
        // A fifth is a chance, not a promise: each side effect also fails once for certain, so every run
        // goes through the retry-and-check path.
        for (String sideEffect : List.of("subscribe_app", "share_credit_line", "register")) {
            sandbox.failNext(sideEffect, 1, 503, null);
        }

        String wabaId = signUpInBrowser();

        JsonPath waba = awaitProvisioned(wabaId);
        assertEquals("registered", waba.getString("phone_registration"));
        assertEquals(Set.of("done"), Set.copyOf(waba.getList("steps.status")));
        // Failed calls were repeated, but what takes effect took effect once.
        assertEquals(1, effectiveCalls("subscribe_app", wabaId));
        assertEquals(1, effectiveCalls("share_credit_line", wabaId));
        assertEquals(1, effectiveCalls("register", waba.getString("phone_number_id")));
        long injected = PROVISIONING_CALLS.stream().flatMap(op -> sandbox.calls(op, null).stream())
                .filter(call -> call.path("fault").asBoolean(false)).count();
        System.out.println("Faults injected into provisioning calls during the fault run: " + injected);
        assertTrue(injected >= 3, "at least the three certain faults were injected, got " + injected);
    }

    /** Calls the sandbox answered for real (not with an injected fault). */
    private static long effectiveCalls(String operation, String target) {
        return sandbox.calls(operation, target).stream().filter(call -> !call.path("fault").asBoolean(false)).count();
    }

    @Test
    void cancellingInThePopupEndsTheAttemptWithoutASignupAndTheSessionStaysOpen() {
        JsonPath session = given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().post("/v1/signup-sessions").then().statusCode(201).extract().jsonPath();
        browser.get(session.getString("url"));
        String page = browser.getWindowHandle();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.id("start"))).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getWindowHandles().size() > 1);
        browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(page)).findFirst().orElseThrow());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
        browser.switchTo().window(page);

        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.attributeContains(By.id("result"), "class", "cancelled"));
        given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/signup-sessions/{id}", session.getString("id")).then().statusCode(200).body("status", is("open"));
    }

    /** Opens a session, finishes signup in the popup, and answers the WABA the page completed. */
    private String signUpInBrowser() {
        JsonPath session = given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().post("/v1/signup-sessions").then().statusCode(201).extract().jsonPath();
        browser.get(session.getString("url"));
        String page = browser.getWindowHandle();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.id("start"))).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getWindowHandles().size() > 1);
        String popup = browser.getWindowHandles().stream().filter(h -> !h.equals(page)).findFirst().orElseThrow();
        browser.switchTo().window(popup);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("finish"))).click();
        browser.switchTo().window(page);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.attributeContains(By.id("result"), "class", "success"));

        String sessionId = session.getString("id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().baseUri(stack.tokenService.baseUrl())
                .header("X-API-Key", Stack.API_KEY).when().get("/v1/signup-sessions/{id}", sessionId).then()
                .statusCode(200).body("status", is("used")).body("signup_id", notNullValue()));
        String signupId = given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/signup-sessions/{id}", sessionId).then().extract().path("signup_id");
        return given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/signups/{id}", signupId).then().statusCode(200).body("status", is("completed"))
                .extract().path("waba_id");
    }

    private static JsonPath awaitProvisioned(String wabaId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(stack.wabaProvisioner.baseUrl()).when().get("/v1/wabas/{id}", wabaId).then()
                .statusCode(200).body("status", is("provisioned")));
        return given().baseUri(stack.wabaProvisioner.baseUrl()).when().get("/v1/wabas/{id}", wabaId).then().extract().jsonPath();
    }
}

package com.bsp.onboarding.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.emulator.TokenScopes;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Meta's route, in headless Chromium: the partner opens a hosted signup session, the customer's browser
 * runs token-service's page with the (sandbox) Facebook SDK, finishes Embedded Signup in the popup, the
 * page hands the code to token-service within its 30 seconds, and the provisioner subscribes, funds and
 * registers the WABA; then the 2026 flows (coexistence, a finish without a number, the old scope name, CANCEL and
 * ERROR recorded, a partner reference and redirect), and once more with a fifth of Graph's provisioning calls failing.
 * The partner is told each step by signed webhooks (partner-webhooks), and the onboarding view tells the same.
 */
class EmbeddedSignupInBrowserIT {

    /** Graph calls of provisioning (not the code exchange: a code works once, token-service does not retry it). */
    static final List<String> PROVISIONING_CALLS = List.of("subscribe_app", "list_subscribed_apps", "share_credit_line",
            "read_credit_lines", "list_allocations", "read_allocation", "read_waba", "list_phone_numbers", "register");
    /** The webhooks of a hosted signup that ends provisioned, in order. */
    static final List<String> PROVISIONED_WEBHOOKS = List.of("onboarding.started", "onboarding.completed", "waba.provisioned");

    private static Stack stack;
    private static ChromeDriver browser;
    private static EmulatorAdmin sandbox;
    private static PartnerEndpoint partner;
    /** The session of the last {@link #signUpInBrowser}. */
    private static String lastSessionId;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        partner = PartnerEndpoint.register(stack);
        browser = Browser.start(Path.of("target/e2e-logs"));
        sandbox = new EmulatorAdmin(stack.sandbox.baseUrl(), "/_sandbox");
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

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
        sandbox.defaultTokenScopes(TokenScopes.MANAGE_EVENTS);
    }

    @Test
    void aTokenCarryingOnlyTheScopeNameOfBeforeJune2026IsProvisionedToo() {
        // The other tests run with Meta's names since June 2026 (whatsapp_business_manage_events), the sandbox's default.
        sandbox.defaultTokenScopes(TokenScopes.MANAGEMENT);

        String wabaId = signUpInBrowser();

        assertEquals("registered", awaitProvisioned(wabaId).getString("phone_registration"));
    }

    @Test
    void aCoexistenceSignupIsProvisionedWithoutRegisteringItsNumber() {
        String wabaId = signUpInBrowser(Map.of("flow", "coexistence"), popup -> assertTrue(
                popup.findElement(By.id("feature")).getText().contains("coexistence"), "the popup runs the coexistence flow"));

        JsonPath waba = awaitProvisioned(wabaId);
        String phone = waba.getString("phone_number_id");
        assertTrue(phone != null && !phone.isEmpty(), "the number is still recorded");
        assertEquals("coexistence", waba.getString("phone_registration"));
        assertEquals(0, sandbox.count("register", phone), "a WhatsApp Business app number is never registered");
        assertEquals(2, effectiveCalls("sync_smb_app_data", phone), "contacts, then history, each once");
    }

    @Test
    void aFinishWithoutPhoneNumberIdIsProvisionedWithTheWabasNumber() {
        String wabaId = signUpInBrowser(Map.of(),
                popup -> new Select(popup.findElement(By.id("finish-number"))).selectByValue("not_reported"));

        JsonPath waba = awaitProvisioned(wabaId);
        String phone = waba.getString("phone_number_id");
        assertTrue(phone != null && !phone.isEmpty(), "read from the WABA's numbers");
        assertEquals("registered", waba.getString("phone_registration"));
        assertEquals(1, effectiveCalls("register", phone));
    }

    @Test
    void aSessionWithAReferenceAndARedirectSendsTheCustomerBackAndCarriesTheReference() {
        String back = stack.sandbox.baseUrl() + "/q/health/live?from=partner";
        JsonPath session = HostedSignupPage.openSession(stack, Map.of("customer_reference", "e2e-crm-1", "redirect_url", back,
                "prefill", Map.of("business", Map.of("name", "Jaspers Market"))));
        HostedSignupPage.runFlow(browser, session, popup -> {
            assertEquals("Jaspers Market", popup.findElement(By.id("prefill-business")).getText(), "the prefill reached Meta");
            HostedSignupPage.click(popup, "finish");
        });

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(stack.sandbox.baseUrl() + "/q/health/live"));
        URI landed = URI.create(browser.getCurrentUrl());
        assertTrue(landed.getQuery().contains("from=partner"));
        assertTrue(landed.getQuery().contains("signup_session=" + session.getString("id")));
        assertTrue(landed.getQuery().contains("outcome=completed"));

        JsonPath seen = HostedSignupPage.session(stack, session.getString("id"));
        assertEquals("e2e-crm-1", seen.getString("customer_reference"));
        String wabaId = given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/signups/{id}", seen.getString("signup_id")).then().statusCode(200).extract().path("waba_id");
        assertEquals("e2e-crm-1", awaitProvisioned(wabaId).getString("customer_reference"), "the reference travels with the WABA");

        List<PartnerEndpoint.Told> told = partner.awaitTold(session.getString("id"), PROVISIONED_WEBHOOKS, EmbeddedSignupInBrowserIT::partnerAdded);
        for (PartnerEndpoint.Told webhook : told) {
            assertEquals("e2e-crm-1", webhook.data().get("partner_reference").asText(), "the session's customer_reference");
        }
        assertEquals("e2e-crm-1", partner.assertTimelineIsWhatWasTold(session.getString("id")).get("partner_reference").asText());
    }

    @Test
    void theHostedPageLeadsThroughEmbeddedSignupToAProvisionedWaba() {
        String wabaId = signUpInBrowser();

        JsonPath waba = awaitProvisioned(wabaId);
        assertEquals("shared", waba.getString("credit_sharing"));
        assertEquals(List.of("FINISH"), HostedSignupPage.session(stack, lastSessionId).getList("events.event"),
                "the finish message is recorded on the session");
        assertEquals("registered", waba.getString("phone_registration"));
        assertEquals(1, sandbox.count("subscribe_app", wabaId));
        assertEquals(1, sandbox.count("share_credit_line", wabaId));

        // The partner was told, in order, by webhooks it verified; the onboarding view tells the same.
        List<PartnerEndpoint.Told> told = partner.awaitTold(lastSessionId, PROVISIONED_WEBHOOKS, EmbeddedSignupInBrowserIT::partnerAdded);
        String signupId = HostedSignupPage.session(stack, lastSessionId).getString("signup_id");
        for (PartnerEndpoint.Told webhook : told) {
            assertEquals("embedded_signup", webhook.data().get("route").asText());
            assertEquals(wabaId, webhook.data().path("waba_id").asText(wabaId), "every webhook after the signup names its WABA");
        }
        JsonNode completed = PartnerEndpoint.first(told, "onboarding.completed").data();
        assertEquals(signupId, completed.get("signup_id").asText());
        assertEquals(wabaId, completed.get("waba_id").asText());
        JsonNode provisioned = PartnerEndpoint.first(told, "waba.provisioned").data();
        assertEquals(wabaId, provisioned.get("waba_id").asText());
        assertEquals("shared", provisioned.get("credit_sharing").asText());
        assertEquals("registered", provisioned.get("phone_registration").asText());
        JsonNode view = partner.assertTimelineIsWhatWasTold(lastSessionId);
        assertEquals("provisioned", view.get("status").asText());
        assertEquals(wabaId, view.get("waba_id").asText());
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
        assertTrue(Set.of("done", "skipped").containsAll(waba.getList("steps.status")), "no step failed: " + waba.getList("steps.status"));
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
    void cancellingInThePopupEndsTheAttemptRecordsTheStepAndTheSessionStaysOpen() {
        JsonPath session = HostedSignupPage.openSession(stack, Map.of());
        HostedSignupPage.runFlow(browser, session, popup -> {
            popup.findElement(By.id("current-step")).clear();
            popup.findElement(By.id("current-step")).sendKeys("WABA_SETUP");
            HostedSignupPage.click(popup, "cancel");
        });

        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.attributeContains(By.id("result"), "class", "cancelled"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath seen = HostedSignupPage.session(stack, session.getString("id"));
            assertEquals("open", seen.getString("status"));
            assertEquals(List.of("CANCEL"), seen.getList("events.event"));
            assertEquals("WABA_SETUP", seen.getString("events[0].current_step"));
        });
        List<PartnerEndpoint.Told> told = partner.awaitTold(session.getString("id"),
                List.of("onboarding.started", "onboarding.signup_cancelled"));
        assertEquals("WABA_SETUP", told.get(1).data().get("current_step").asText());
        assertEquals("cancelled", partner.assertTimelineIsWhatWasTold(session.getString("id")).get("status").asText());
    }

    @Test
    void anErrorInThePopupIsRecordedWithItsCodeAndMetaSessionId() {
        JsonPath session = HostedSignupPage.openSession(stack, Map.of());
        HostedSignupPage.runFlow(browser, session, popup -> {
            popup.findElement(By.id("error-code")).clear();
            popup.findElement(By.id("error-code")).sendKeys("2388093");
            HostedSignupPage.click(popup, "error");
        });

        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.attributeContains(By.id("result"), "class", "error"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath seen = HostedSignupPage.session(stack, session.getString("id"));
            assertEquals(List.of("ERROR"), seen.getList("events.event"));
            assertEquals("2388093", seen.getString("events[0].error_code"));
            assertTrue(seen.getString("events[0].meta_session_id").startsWith("sandbox-session-"));
        });
        List<PartnerEndpoint.Told> told = partner.awaitTold(session.getString("id"),
                List.of("onboarding.started", "onboarding.signup_errored"));
        assertEquals("2388093", told.get(1).data().get("error_code").asText());
        assertTrue(told.get(1).data().get("meta_session_id").asText().startsWith("sandbox-session-"));
        assertEquals("errored", partner.assertTimelineIsWhatWasTold(session.getString("id")).get("status").asText());
    }

    /**
     * Meta's PARTNER_ADDED, sent right after the code exchange: the provisioner announces it (a lifecycle
     * waba.status_changed) only when it is newer than the signup's completion, which depends on the second it fell in.
     */
    private static boolean partnerAdded(PartnerEndpoint.Told webhook) {
        return webhook.type().equals("waba.status_changed") && "lifecycle".equals(webhook.data().path("change").asText())
                && "PARTNER_ADDED".equals(webhook.data().path("event").asText());
    }

    /** Opens a session, finishes signup in the popup, and answers the WABA the page completed. */
    private static String signUpInBrowser() {
        return signUpInBrowser(Map.of(), popup -> { });
    }

    /**
     * Opens a session with the partner's input, lets {@code choose} set the popup up, finishes, and answers the WABA
     * the page completed.
     */
    private static String signUpInBrowser(Map<String, ?> input, Consumer<ChromeDriver> choose) {
        JsonPath session = HostedSignupPage.openSession(stack, input);
        HostedSignupPage.runFlow(browser, session, popup -> {
            choose.accept(popup);
            HostedSignupPage.click(popup, "finish");
        });
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.attributeContains(By.id("result"), "class", "success"));

        String sessionId = session.getString("id");
        lastSessionId = sessionId;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().baseUri(stack.tokenService.baseUrl())
                .header("X-API-Key", Stack.API_KEY).when().get("/v1/signup-sessions/{id}", sessionId).then()
                .statusCode(200).body("status", is("used")).body("signup_id", notNullValue()));
        String signupId = HostedSignupPage.session(stack, sessionId).getString("signup_id");
        return given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/signups/{id}", signupId).then().statusCode(200).body("status", is("completed"))
                .extract().path("waba_id");
    }

    private static JsonPath awaitProvisioned(String wabaId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(stack.wabaProvisioner.baseUrl()).header("X-API-Key", Stack.OPS_KEY).when().get("/v1/wabas/{id}", wabaId).then()
                .statusCode(200).body("status", is("provisioned")));
        return given().baseUri(stack.wabaProvisioner.baseUrl()).header("X-API-Key", Stack.OPS_KEY).when().get("/v1/wabas/{id}", wabaId).then().extract().jsonPath();
    }
}

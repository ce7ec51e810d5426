package com.bsp.onboarding.sandbox.sdk;

import static com.bsp.onboarding.sandbox.support.SandboxTestResources.APP_ID;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.APP_SECRET;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.GRAPH;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.testing.js.JsNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Facebook JS SDK stand-in: what the browser gets, and (under Node.js, with stand-in windows) the
 * whole FB.login conversation between a hosted page, the SDK and the popup, against this sandbox.
 */
@QuarkusTest
class SdkStandInTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void theSdkIsServedToCrossOriginPagesAndDefinesFb() {
        given().when().get("/sdk/sdk.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Access-Control-Allow-Origin", "*")
                .body(containsString("window.FB = FB"))
                .body(containsString("window.fbAsyncInit"));
    }

    @Test
    void thePopupOffersFinishCancelAndError() {
        given().queryParam("app_id", APP_ID).queryParam("config_id", "cfg").when().get("/sdk/signup").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"finish\"")).body(containsString("id=\"cancel\"")).body(containsString("id=\"error\""))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
        given().when().get("/sdk/signup.js").then().statusCode(200).body(containsString("WA_EMBEDDED_SIGNUP"));
    }

    @Test
    void loginThroughThePopupPostsMetasMessagesAndGivesAnExchangeableCode() throws Exception {
        Assumptions.assumeTrue(JsNode.available(), "Node.js is not installed");
        Path dir = Files.createTempDirectory("sdk-stand-in");
        Files.writeString(dir.resolve("sdk.js"), given().get("/sdk/sdk.js").asString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("signup.js"), given().get("/sdk/signup.js").asString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("harness.js"), HARNESS.replace("SANDBOX_BASE", root.toString().replaceAll("/$", "")),
                StandardCharsets.UTF_8);

        String output = JsNode.run(dir.resolve("harness.js"));
        JsonNode result = new ObjectMapper().readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());

        JsonNode finish = result.path("finish");
        assertTrue(finish.path("fbAsyncInitCalled").asBoolean(), "fbAsyncInit is called once the SDK is loaded");
        assertEquals(APP_ID, finish.path("popupQuery").path("app_id").asText());
        assertEquals("cfg-1", finish.path("popupQuery").path("config_id").asText());
        assertEquals("http://localhost:8083", finish.path("targetOrigin").asText(), "messages go to the opener's origin only");
        JsonNode message = new ObjectMapper().readTree(finish.path("signupMessage").asText());
        assertEquals("WA_EMBEDDED_SIGNUP", message.path("type").asText());
        assertEquals("FINISH", message.path("event").asText());
        String waba = message.path("data").path("waba_id").asText();
        assertTrue(waba.matches("\\d+") && message.path("data").path("phone_number_id").asText().matches("\\d+")
                && message.path("data").path("business_id").asText().matches("\\d+"), message.toString());
        assertEquals("connected", finish.path("callback").path("status").asText());
        assertTrue(finish.path("popupClosed").asBoolean());
        String code = finish.path("callback").path("authResponse").path("code").asText();
        assertTrue(finish.path("messageBeforeCallback").asBoolean(), "FINISH arrives before the callback, as with Meta");

        given().queryParam("client_id", APP_ID).queryParam("client_secret", APP_SECRET).queryParam("code", code)
                .when().get(GRAPH + "/oauth/access_token").then().statusCode(200);
        given().when().get("/_sandbox/wabas/{id}", waba).then().statusCode(200).body("signup.app_id", is(APP_ID));

        JsonNode cancel = result.path("cancel");
        JsonNode cancelled = new ObjectMapper().readTree(cancel.path("signupMessage").asText());
        assertEquals("CANCEL", cancelled.path("event").asText());
        assertEquals("PHONE_NUMBER_SETUP", cancelled.path("data").path("current_step").asText());
        assertTrue(cancel.path("callback").path("authResponse").isNull());
        assertEquals("unknown", cancel.path("callback").path("status").asText());

        JsonNode error = result.path("error");
        JsonNode failed = new ObjectMapper().readTree(error.path("signupMessage").asText());
        assertEquals("ERROR", failed.path("event").asText());
        for (String field : new String[] {"error_message", "error_code", "session_id", "timestamp"}) {
            assertTrue(failed.path("data").has(field), field + " in " + failed);
        }
        assertTrue(error.path("callback").path("authResponse").isNull());

        assertEquals("unknown", result.path("closedByHand").path("callback").path("status").asText(),
                "a popup closed without an answer is a cancelled login");

        JsonNode retired = result.path("retired").path("shown");
        assertEquals("v2", retired.path("version").asText());
        assertTrue(retired.path("finishDisabled").asBoolean(), "a retired version cannot finish");
        assertTrue(retired.path("refusal").asText().contains("no longer available"));
        assertEquals("v4", result.path("empty").path("shown").path("version").asText());
        assertEquals("v4", finish.path("shown").path("version").asText());

        JsonNode coexistence = result.path("coexistence");
        assertTrue(coexistence.path("shown").path("feature").asText().contains("coexistence"));
        assertEquals("Jaspers Market", coexistence.path("shown").path("prefill").asText());
        JsonNode coexisting = new ObjectMapper().readTree(coexistence.path("signupMessage").asText());
        assertEquals("FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING", coexisting.path("event").asText());
        assertFalse(coexisting.path("data").has("phone_number_id"), "coexistence finishes without a number id");
        JsonNode unreported = new ObjectMapper().readTree(result.path("unreported").path("signupMessage").asText());
        assertEquals("FINISH", unreported.path("event").asText());
        assertFalse(unreported.path("data").has("phone_number_id"), "v4 may finish without phone_number_id");
        String unreportedWaba = unreported.path("data").path("waba_id").asText();
        given().when().get("/_sandbox/wabas/{id}", unreportedWaba).then().statusCode(200).body("phone_numbers.size()", is(1));
    }

    /**
     * Two stand-in windows, the hosted page (the opener, origin localhost:8083) and the popup, joined by
     * postMessage; the SDK runs in the first, the popup script in the second, its fetch goes to this sandbox.
     */
    private static final String HARNESS = """
            'use strict';
            const fs = require('node:fs');
            const path = require('node:path');
            const vm = require('node:vm');
            const base = 'SANDBOX_BASE';
            const sdkScript = fs.readFileSync(path.join(__dirname, 'sdk.js'), 'utf8');
            const popupScript = fs.readFileSync(path.join(__dirname, 'signup.js'), 'utf8');
            const sandboxOrigin = new URL(base).origin;
            const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

            function element(id) {
              return { id, value: '', textContent: '', disabled: false, listeners: {},
                addEventListener(type, listener) { this.listeners[type] = listener; } };
            }

            function openerWindow() {
              const page = { listeners: [], received: [], popups: [], fbAsyncInitCalled: false, callbacks: [] };
              const window = {
                location: { origin: 'http://localhost:8083', href: 'http://localhost:8083/signup/TOKEN' },
                addEventListener(type, listener) { if (type === 'message') page.listeners.push(listener); },
                open(url) { const popup = popupWindow(url, page); page.popups.push(popup); return popup.window; },
                fbAsyncInit() { page.fbAsyncInitCalled = true; }
              };
              window.addEventListener('message', (event) => page.received.push({ at: page.callbacks.length, data: event.data }));
              const document = { currentScript: { src: base + '/sdk/sdk.js' } };
              vm.runInNewContext(sdkScript, { window, document, URL, URLSearchParams, setTimeout, clearTimeout, setInterval,
                clearInterval, JSON, Date, Object });
              page.window = window;
              page.deliver = (data, origin) => setTimeout(() => page.listeners.forEach((l) => l({ origin, data })), 0);
              return page;
            }

            function popupWindow(url, opener) {
              const elements = {};
              const popup = { url: new URL(url), elements, targetOrigins: [] };
              for (const id of ['finish', 'cancel', 'error', 'status', 'app-id', 'config-id', 'feature', 'es-version', 'prefill-business',
                  'refusal', 'finish-number-label']) elements[id] = element(id);
              elements['finish-number'] = Object.assign(element('finish-number'), { value: opener.numberChoice || 'reported' });
              elements['error-code'] = Object.assign(element('error-code'), { value: '524126' });
              elements['current-step'] = Object.assign(element('current-step'), { value: 'PHONE_NUMBER_SETUP' });
              elements['error-message'] = Object.assign(element('error-message'), { value: 'Sandbox failure' });
              const window = {
                closed: false,
                location: { search: popup.url.search },
                opener: { postMessage(data, targetOrigin) { popup.targetOrigins.push(targetOrigin); opener.deliver(data, sandboxOrigin); } },
                close() { window.closed = true; }
              };
              const fetchFromPopup = (relative, init) => fetch(new URL(relative, popup.url), init);
              const document = { getElementById: (id) => elements[id], body: { dataset: { retiredVersions: 'v2,v3' } } };
              vm.runInNewContext(popupScript, { window, document, fetch: fetchFromPopup,
                URLSearchParams, setTimeout, JSON, Math, Date, Error });
              popup.window = window;
              popup.click = (id) => elements[id].listeners.click();
              return popup;
            }

            async function login(page, button, extras = { version: 'v4' }) {
              let callback = null;
              const receivedBefore = page.received.length;
              page.window.FB.login((response) => { callback = response; page.callbacks.push(response); },
                { config_id: 'cfg-1', response_type: 'code', override_default_response_type: true, extras });
              const popup = page.popups[page.popups.length - 1];
              const shown = { version: popup.elements['es-version'].textContent, feature: popup.elements.feature.textContent,
                prefill: popup.elements['prefill-business'].textContent, finishDisabled: popup.elements.finish.disabled,
                refusal: popup.elements.refusal.textContent };
              if (button) popup.click(button); else popup.window.close();
              for (let i = 0; i < 100 && (!callback || !popup.window.closed); i++) await tick(50);
              const signup = page.received.slice(receivedBefore).find((m) => typeof m.data === 'string' && m.data.includes('WA_EMBEDDED_SIGNUP'));
              return {
                popupQuery: Object.fromEntries(popup.url.searchParams),
                targetOrigin: popup.targetOrigins[0],
                signupMessage: signup ? signup.data : null,
                messageBeforeCallback: !!signup && signup.at < page.callbacks.length,
                callback,
                popupClosed: popup.window.closed,
                shown
              };
            }

            (async () => {
              const page = openerWindow();
              await tick(20);
              page.window.FB.init({ appId: 'demo-app-id', version: 'v23.0', xfbml: true });
              const cancel = await login(page, 'cancel');
              const error = await login(page, 'error');
              const closedByHand = await login(page, null);
              // v2's shape (a bare setup, no version) was retired on 2026-10-15: the popup does not start it.
              const retired = await login(page, null, { setup: {} });
              // An empty extras object is v4 (the login configuration decides).
              const empty = await login(page, 'cancel', {});
              const coexistence = await login(page, 'finish', { version: 'v4', featureType: 'whatsapp_business_app_onboarding',
                setup: { business: { name: 'Jaspers Market' } } });
              page.numberChoice = 'not_reported';
              const unreported = await login(page, 'finish');
              page.numberChoice = 'reported';
              // Last: the test exchanges this code, and the test profile's codes live 2 seconds.
              const finish = await login(page, 'finish');
              finish.fbAsyncInitCalled = page.fbAsyncInitCalled;
              console.log(JSON.stringify({ finish, cancel, error, closedByHand, retired, empty, coexistence, unreported }));
            })().catch((e) => { console.error(e); process.exit(1); });
            """;
}

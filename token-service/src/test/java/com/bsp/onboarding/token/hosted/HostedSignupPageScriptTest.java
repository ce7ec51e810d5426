package com.bsp.onboarding.token.hosted;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.testing.js.JsNode;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the served page's own script under Node.js against a stand-in DOM, Facebook SDK and fetch: the
 * message-origin check, the FB calls, what is posted and what the customer is shown. A real browser test
 * comes with the sandbox; this one is skipped where Node.js is not installed.
 */
@QuarkusTest
class HostedSignupPageScriptTest {

    private static final Pattern DATA_ATTRIBUTE = Pattern.compile("data-([a-z-]+)=\"([^\"]*)\"");

    private static final String HARNESS = """
            'use strict';
            const assert = require('node:assert/strict');
            const fs = require('node:fs');
            const path = require('node:path');
            const vm = require('node:vm');
            const script = fs.readFileSync(path.join(__dirname, 'page.js'), 'utf8');
            const dataset = JSON.parse(fs.readFileSync(path.join(__dirname, 'dataset.json'), 'utf8'));
            const richDataset = JSON.parse(fs.readFileSync(path.join(__dirname, 'dataset-rich.json'), 'utf8'));

            function load(...answers) {
              return loadWith(dataset, ...answers);
            }

            function loadWith(settings, ...answers) {
              const elements = {};
              const element = (id) => elements[id] || (elements[id] = {
                id, hidden: false, disabled: false, textContent: '', className: '', dataset: {}, listeners: {},
                addEventListener(type, listener) { this.listeners[type] = listener; }
              });
              element('hosted-signup').dataset = Object.assign({}, settings);
              element('result').hidden = true;
              element('retry').hidden = true;
              element('start').disabled = true;
              const page = { elements, appended: [], posts: [], events: [], navigations: [], fb: {} };
              const window = {
                location: { pathname: '/signup/TOKEN', assign(url) { page.navigations.push(url); } },
                addEventListener(type, listener) { if (type === 'message') page.messageListener = listener; },
                FB: {
                  init(options) { page.fb.init = options; },
                  login(callback, options) { page.fb.login = options; page.fb.callback = callback; }
                }
              };
              const document = {
                getElementById: element,
                createElement: (tag) => ({ tag }),
                body: { appendChild(node) { page.appended.push(node); } }
              };
              const fetch = (url, init) => {
                if (url.endsWith('/events')) {
                  page.events.push(JSON.parse(init.body));
                  page.eventHeaders = init.headers;
                  return Promise.resolve({ status: 204, json: () => Promise.reject(new Error('no body')) });
                }
                page.posts.push({ url, init, body: JSON.parse(init.body) });
                const answer = answers.shift();
                return Promise.resolve({ status: answer.status, json: () => Promise.resolve(answer.body) });
              };
              vm.runInNewContext(script, { window, document, fetch, URL, setTimeout, clearTimeout });
              page.window = window;
              page.text = () => element('result-title').textContent + ' | ' + element('result-detail').textContent;
              page.message = (origin, data) => page.messageListener({ origin, data: JSON.stringify(data) });
              page.start = () => { window.fbAsyncInit(); element('start').listeners.click(); };
              return page;
            }

            // Objects made inside the page's context have that context's prototypes: compare them as JSON.
            const plain = (value) => JSON.parse(JSON.stringify(value));
            const settle = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
            const ids = { waba_id: '710000000000009', phone_number_id: '106540352242922', business_id: '2329417887457253' };
            const finish = { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH', data: ids };
            const facebook = 'https://www.facebook.com';

            (async () => {
              // Loads the SDK and starts Embedded Signup the way Meta documents it.
              let page = load({ status: 201, body: { waba_id: ids.waba_id, status: 'completed' } });
              assert.equal(page.appended[0].src, 'https://connect.facebook.net/en_US/sdk.js');
              assert.equal(page.elements.start.disabled, true, 'no button before the SDK is ready');
              page.start();
              assert.deepEqual(plain(page.fb.init), { appId: 'app-id-for-tests', autoLogAppEvents: true, xfbml: true, version: 'v23.0' });
              // ES v4: the version named in extras, no retired v2 shape (a bare setup), nothing else for the default flow.
              assert.deepEqual(plain(page.fb.login), { config_id: 'config-id-for-tests', response_type: 'code',
                  override_default_response_type: true, extras: { version: 'v4' } });

              // Only messages from a facebook.com host count, however the others are named.
              for (const origin of ['https://evilfacebook.com', 'https://www.facebook.com.evil.example', 'null', 'http://localhost:8083']) {
                page.message(origin, finish);
              }
              page.messageListener({ origin: facebook, data: 'not json' });
              page.message(facebook, { type: 'SOMETHING_ELSE', event: 'FINISH', data: ids });
              page.fb.callback({ authResponse: { code: 'CODE-1' } });
              await settle();
              assert.equal(page.posts.length, 0, 'no accepted finish message yet');
              assert.equal(page.events.length, 0, 'messages from other origins or of other types are not recorded');
              assert.match(page.elements.status.textContent, /Waiting for Facebook/);

              page.message(facebook, finish);
              await settle();
              assert.equal(page.posts.length, 1);
              assert.equal(page.posts[0].url, '/signup/TOKEN/complete');
              assert.equal(page.posts[0].init.method, 'POST');
              assert.deepEqual(page.posts[0].body, { code: 'CODE-1', ...ids, finish_type: 'FINISH' });
              assert.equal(page.elements.result.className, 'result success');
              assert.match(page.text(), /connected/);
              assert.equal(page.elements.start.disabled, true, 'done: no second signup from this page');
              assert.deepEqual(plain(page.events), [{ event: 'FINISH', data: ids }], 'the finish message is recorded');
              // The endpoint answers application/json (204) or a problem: an Accept of problem+json alone is refused (406).
              assert.match(page.eventHeaders.Accept, /(^|, )application[/]json(,|$)/);
              await settle(1600);
              assert.deepEqual(page.navigations, [], 'no redirect for a session without one');

              // Finish message first (the usual order), WABA-only finish without a phone number.
              page = load({ status: 201, body: { waba_id: ids.waba_id, status: 'completed' } });
              page.start();
              page.message('https://business.facebook.com',
                  { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH_ONLY_WABA', data: { waba_id: ids.waba_id, business_id: ids.business_id } });
              page.fb.callback({ authResponse: { code: 'CODE-2' } });
              await settle();
              assert.deepEqual(page.posts[0].body, { code: 'CODE-2', waba_id: ids.waba_id, business_id: ids.business_id,
                  finish_type: 'FINISH_ONLY_WABA' });

              // Cancelled in Facebook: the step is shown, nothing is posted, the customer may start again.
              page = load();
              page.start();
              page.message(facebook, { type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', data: { current_step: 'PHONE_NUMBER_SETUP' } });
              page.fb.callback({ authResponse: null, status: 'unknown' });
              await settle();
              assert.equal(page.posts.length, 0);
              assert.equal(page.elements.result.className, 'result cancelled');
              assert.match(page.text(), /PHONE_NUMBER_SETUP/, 'the later login callback does not hide the step');
              assert.equal(page.elements.start.disabled, false);
              assert.deepEqual(plain(page.events), [{ event: 'CANCEL', data: { current_step: 'PHONE_NUMBER_SETUP' } }]);
              assert.equal(page.elements.back.hidden, true, 'nowhere to return to');

              // Facebook reports an error.
              page = load();
              page.start();
              page.message(facebook, { type: 'WA_EMBEDDED_SIGNUP', event: 'ERROR',
                  data: { error_message: 'Phone number already registered', error_code: '524126' } });
              page.fb.callback({});
              await settle();
              assert.equal(page.posts.length, 0);
              assert.match(page.text(), /Phone number already registered/);
              assert.equal(page.events[0].event, 'ERROR');
              assert.equal(page.events[0].data.error_code, '524126');

              // The login window closed without any message.
              page = load();
              page.start();
              page.fb.callback({ authResponse: null, status: 'unknown' });
              await settle();
              assert.equal(page.posts.length, 0);
              assert.match(page.text(), /Facebook login cancelled/);

              // A final refusal shows the problem's title and detail.
              page = load({ status: 410, body: { type: 'urn:bsp-onboarding:problem:code-expired', title: 'Code expired',
                  detail: 'The code is older than its 30 seconds.' } });
              page.start();
              page.message(facebook, finish);
              page.fb.callback({ authResponse: { code: 'CODE-3' } });
              await settle();
              assert.equal(page.elements.result.className, 'result error');
              assert.match(page.text(), /^Code expired \\| The code is older than its 30 seconds\\./);
              assert.equal(page.elements.retry.hidden, true);

              // graph-unavailable: the same request may be sent again, and is.
              page = load({ status: 503, body: { title: "Meta's Graph API unavailable", detail: 'submit the same code again' } },
                  { status: 201, body: { waba_id: ids.waba_id } });
              page.start();
              page.message(facebook, finish);
              page.fb.callback({ authResponse: { code: 'CODE-4' } });
              await settle();
              assert.match(page.text(), /Graph API unavailable/);
              assert.equal(page.elements.retry.hidden, false);
              page.elements.retry.listeners.click();
              await settle();
              assert.equal(page.posts.length, 2);
              assert.deepEqual(page.posts[1].body, page.posts[0].body);
              assert.equal(page.elements.result.className, 'result success');

              // A session with a flow, a prefill and a redirect: coexistence's feature type and the prefill go into
              // extras; after a success the customer is sent back with the session and the outcome.
              page = loadWith(richDataset, { status: 201, body: { waba_id: ids.waba_id } });
              page.start();
              assert.deepEqual(plain(page.fb.login.extras), { version: 'v4', featureType: 'whatsapp_business_app_onboarding',
                  setup: { business: { name: 'Jaspers Market', address: { country: 'US' } }, phone: { displayName: 'Jaspers' } } });
              page.message(facebook, { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING',
                  data: { waba_id: ids.waba_id } });
              page.fb.callback({ authResponse: { code: 'CODE-5' } });
              await settle();
              assert.deepEqual(page.posts[0].body, { code: 'CODE-5', waba_id: ids.waba_id,
                  finish_type: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING' });
              assert.match(page.text(), /Taking you back/);
              await settle(1600);
              assert.equal(page.navigations.length, 1);
              const back = new URL(page.navigations[0]);
              assert.equal(back.origin + back.pathname, 'https://app.partner.example/whatsapp/done');
              assert.equal(back.searchParams.get('tenant'), 't1', 'the partner query is kept');
              assert.equal(back.searchParams.get('signup_session'), richDataset.sessionId);
              assert.equal(back.searchParams.get('outcome'), 'completed');

              // Cancelled with a redirect: the customer may start again or go back, told how it ended.
              page = loadWith(richDataset);
              page.start();
              page.message(facebook, { type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', data: { current_step: 'WABA_SETUP' } });
              await settle();
              assert.equal(page.elements.back.hidden, false);
              page.elements.back.onclick();
              assert.equal(new URL(page.navigations[0]).searchParams.get('outcome'), 'cancelled');

              console.log('page script ok');
              process.exit(0);
            })().catch((e) => { console.error(e); process.exit(1); });
            """;

    @Test
    void thePageScriptTalksToFacebookAndThisServiceAsDocumented() throws Exception {
        Assumptions.assumeTrue(JsNode.available(), "Node.js is not installed");
        HostedSignupTest.Session session = HostedSignupTest.openSession(TokenServiceTestResources.ALPHA_KEY);
        String html = given().when().get(session.path()).then().statusCode(200).extract().asString();
        String nonce = JsNode.between(html, "<script nonce=\"", "\"");
        String script = JsNode.between(html, "<script nonce=\"" + nonce + "\">", "</script>");
        HostedSignupTest.Session rich = HostedSignupTest.openSession(TokenServiceTestResources.ALPHA_KEY, Map.of(
                "flow", "coexistence", "redirect_url", "https://app.partner.example/whatsapp/done?tenant=t1",
                "prefill", Map.of("business", Map.of("name", "Jaspers Market", "address", Map.of("country", "US")),
                        "phone", Map.of("display_name", "Jaspers"))));
        String richHtml = given().when().get(rich.path()).then().statusCode(200).extract().asString();

        Path dir = Files.createTempDirectory("hosted-signup-page");
        try {
            JsNode.write(dir, "page.js", script);
            JsNode.write(dir, "dataset.json", new ObjectMapper().writeValueAsString(dataset(html)));
            JsNode.write(dir, "dataset-rich.json", new ObjectMapper().writeValueAsString(dataset(richHtml)));
            String output = JsNode.run(JsNode.write(dir, "harness.js", HARNESS));
            assertTrue(output.contains("page script ok"), output);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** The data attributes of the page's main element as the browser's dataset has them. */
    private static Map<String, String> dataset(String html) {
        String main = JsNode.between(html, "<main id=\"hosted-signup\"", ">");
        Map<String, String> dataset = new LinkedHashMap<>();
        Matcher attribute = DATA_ATTRIBUTE.matcher(main);
        while (attribute.find()) {
            dataset.put(camelCase(attribute.group(1)), unescape(attribute.group(2)));
        }
        return dataset;
    }

    private static String camelCase(String name) {
        StringBuilder camel = new StringBuilder();
        for (String part : name.split("-")) {
            camel.append(camel.length() == 0 ? part : part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1));
        }
        return camel.toString();
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}

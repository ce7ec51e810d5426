package com.bsp.onboarding.link.callback;

import static com.bsp.onboarding.link.support.LinkApi.callback;
import static com.bsp.onboarding.link.support.LinkApi.get;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.link.support.TestApiKeys;
import com.bsp.onboarding.testing.kafka.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 360Dialog's popup mode (reference §1.3): the page at the redirect URL posts window.location.search to
 * window.opener, at the partner's fixed origin, and closes. In Chromium: e2e-tests, IntegratedOnboardingIT.
 */
@QuarkusTest
class IoPopupModeTest {

    private static final Pattern SCRIPT = Pattern.compile("<script nonce=\"([^\"]+)\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void issuesAPopupLinkForAnAllowedOriginAndShowsTheOriginAsBrowsersWriteIt() {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of("popup_origin", "https://App.Partner.Example:443/"))
                .statusCode(201).extract();
        assertEquals("https://app.partner.example", link.path("popup_origin"));

        get(TestApiKeys.ALPHA, link.path("id")).statusCode(200).body("popup_origin", equalTo("https://app.partner.example"));
        issue(TestApiKeys.ALPHA, Map.of("popup_origin", "https://shop.alpha.example:8443")).statusCode(201)
                .body("popup_origin", equalTo("https://shop.alpha.example:8443"));
        issue(TestApiKeys.BETA, Map.of("popup_origin", "http://localhost:3000")).statusCode(201)
                .body("popup_origin", equalTo("http://localhost:3000"));
        issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).body("popup_origin", nullValue());
    }

    @Test
    void recordsTheRedirectAndItsPagePostsTheQueryToTheOpenerAtTheFixedOriginOnlyThenCloses() {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of("popup_origin", "https://app.partner.example"))
                .statusCode(201).extract();
        String id = link.path("id");

        ExtractableResponse<Response> page = callback(link.path("state"), "client-popup", "[ch-p1]", null)
                .statusCode(200).contentType("text/html").header("Cache-Control", "no-store").extract();

        String html = page.asString();
        Matcher script = SCRIPT.matcher(html);
        assertTrue(script.find(), html);
        String nonce = script.group(1);
        String code = script.group(2);
        assertTrue(code.contains("var popupOrigin = \"https://app.partner.example\";"), code);
        assertTrue(code.contains("window.opener.postMessage(window.location.search, popupOrigin);"), code);
        assertTrue(code.contains("window.close();"), code);
        assertTrue(code.contains("if (window.opener && !window.opener.closed)"), "without an opener the page stays: " + code);
        assertFalse(code.contains("\"*\""), "never the wildcard target origin");
        assertFalse(script.find(), "one script only");
        assertTrue(html.contains("Your WhatsApp Business number is connected"), "the normal result page, too");
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(csp.contains("script-src 'nonce-" + nonce + "'"), csp);
        assertFalse(csp.contains("unsafe-inline'; script") || csp.contains("script-src 'unsafe-inline'"), csp);

        get(TestApiKeys.ALPHA, id).statusCode(200).body("status", equalTo("completed"))
                .body("client_id", equalTo("client-popup")).body("channels", contains("ch-p1"));
        TopicReader.await(Topics.IO_LINK_EVENTS, r -> r.value().contains(id)
                && r.value().contains(LinkEventTypes.ONBOARDING_COMPLETED), 1, Duration.ofSeconds(20));
    }

    @Test
    void givesEveryPopupPageAFreshNonce() {
        String first = popupPageCsp();
        String second = popupPageCsp();
        assertFalse(first.equals(second), first);
    }

    @Test
    void theResultPageOfALinkWithoutPopupModeRunsNoScript() {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();

        ExtractableResponse<Response> page = callback(link.path("state"), "client-plain", "[ch-n1]", null)
                .statusCode(200).extract();

        assertFalse(page.asString().contains("<script"), page.asString());
        assertFalse(page.asString().contains("postMessage"));
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'none'") && !csp.contains("script-src"), csp);
    }

    @Test
    void aReplayedPopupRedirectIsRefusedWithoutPostingAnything() {
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of("popup_origin", "https://app.partner.example"))
                .statusCode(201).extract();
        callback(link.path("state"), "client-once", "[ch-o1]", null).statusCode(200);

        String again = callback(link.path("state"), "client-once", "[ch-o1]", null).statusCode(409).extract().asString();

        assertFalse(again.contains("<script"), again);
        get(TestApiKeys.ALPHA, link.path("id")).body("channels", hasItem("ch-o1"));
    }

    private static String popupPageCsp() {
        ExtractableResponse<Response> link = issue(TestApiKeys.BETA, Map.of("popup_origin", "http://localhost:3000"))
                .statusCode(201).extract();
        return callback(link.path("state"), "client-nonce", "[ch-x]", null).statusCode(200).extract()
                .header("Content-Security-Policy");
    }
}

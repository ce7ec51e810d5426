package com.bsp.onboarding.link.links;

import static com.bsp.onboarding.link.support.LinkApi.issue;
import static com.bsp.onboarding.link.support.LinkApi.queryOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.link.LinkServiceConfig.SignatureEncoding;
import com.bsp.onboarding.link.support.LinkServiceTestResources;
import com.bsp.onboarding.link.support.TestApiKeys;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IssuingLinksTest {

    @Test
    void issuesALinkCarryingEveryParameterAndAFreshSignature() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "owner@shop.example");
        body.put("name", "Shop Owner & Co");
        body.put("number", "4915112345678");
        body.put("state", "partner-side-ref-42");
        body.put("redirect_url", "https://app.partner.example/onboarding/done?tenant=7");
        body.put("partner", "tenant-7");
        body.put("next", "signup");
        body.put("lang", "de");
        body.put("plan_selection", "premium");
        body.put("connect_client_user", true);
        body.put("client_id", "cl_4711");

        ExtractableResponse<Response> created = issue(TestApiKeys.ALPHA, body)
                .statusCode(201)
                .body("kind", equalTo("signup"))
                .body("status", equalTo("issued"))
                .body("url", startsWith("https://hub.360dialog.com/dashboard/app/aAbBcCPA/permissions?"))
                .extract();
        String url = created.path("url");
        assertTrue(created.header("Location").endsWith("/v1/links/" + created.path("id")));
        Map<String, String> query = queryOf(url);

        assertEquals("owner@shop.example", query.get("email"));
        assertEquals("Shop Owner & Co", query.get("name"));
        assertEquals("4915112345678", query.get("number"));
        assertEquals(created.path("id"), query.get("partner"),
                "360Dialog stores the partner parameter on the client (partner_payload): it names the link, whatever the partner asked");
        assertEquals("signup", query.get("next"));
        assertEquals("de", query.get("lang"));
        assertEquals("premium", query.get("plan_selection"));
        assertEquals("true", query.get("connect_client_user"));
        assertEquals("cl_4711", query.get("client_id"));
        assertEquals("https://links.test.example/io/callback", query.get("redirect_url"),
                "360Dialog must send the browser back to link-service, which forwards it to the caller");
        assertEquals(created.path("state"), query.get("state"));
        assertTrue(!query.get("state").equals("partner-side-ref-42"), "the caller's state stays with us");
        assertTrue(url.contains("name=Shop%20Owner%20%26%20Co"), "spaces are %20 and & is escaped: " + url);

        long timestamp = Long.parseLong(query.get("io_timestamp"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60, "io_timestamp is now, in seconds");
        assertEquals(IoSignature.sign(TestApiKeys.ALPHA_PARTNER_ID, timestamp,
                TestApiKeys.ALPHA_SECRET.getBytes(StandardCharsets.UTF_8), SignatureEncoding.HEX), query.get("io_signature"));

        Map<String, Object> listed = created.path("query_parameters");
        assertEquals(query, listed, "the parameters are listed on their own, for the Connect Button");
        Instant expires = Instant.parse(created.path("expires_at"));
        assertTrue(Duration.between(Instant.now(), expires).toHours() >= 23, "links live for the configured TTL");
    }

    @Test
    void storesTheLinkAndItsIssueEventInOneGo() {
        String id = issue(TestApiKeys.ALPHA, Map.of("email", "a@b.example")).statusCode(201).extract().path("id");
        List<Map<String, Object>> rows = TestDatabaseResource.query(LinkServiceTestResources.DATABASE,
                "SELECT status, email FROM links WHERE id = ?::uuid", id);
        assertEquals(1, rows.size());
        assertEquals("issued", rows.get(0).get("status"));
    }

    @Test
    void signsEachLinkAfresh() {
        Map<String, String> first = queryOf(issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract().path("url"));
        Map<String, String> second = queryOf(issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract().path("url"));
        assertTrue(!first.get("state").equals(second.get("state")));
        // Back to back, so usually within one second: 360Dialog would refuse a repeated signature as a replay.
        assertTrue(!first.get("io_timestamp").equals(second.get("io_timestamp")), "each link has a second of its own");
        assertTrue(!first.get("io_signature").equals(second.get("io_signature")));
    }

    @Test
    void usesTheHubsOwnSignupBaseUrl() {
        issue(TestApiKeys.BETA, Map.of("plan_selection", "basic"))
                .statusCode(201)
                .body("url", startsWith("https://app.360dialog.com/onboarding/bEtAdIrEcT?partner="))
                .body("url", org.hamcrest.Matchers.containsString("&plan_selection=basic&"));
    }

    @Test
    void issuesPermissionLinksForAnExistingClientOfADirectPaymentHub() {
        String url = issue(TestApiKeys.BETA, Map.of("kind", "permission", "client_id", "client-9"))
                .statusCode(201)
                .body("kind", equalTo("permission"))
                .body("client_id", equalTo(null))
                .extract().path("url");
        assertTrue(url.startsWith("https://hub.360dialog.com/dashboard/app/bEtAdIrEcT/permissions?"), url);
        assertTrue(queryOf(url).containsKey("io_signature"));
    }
}

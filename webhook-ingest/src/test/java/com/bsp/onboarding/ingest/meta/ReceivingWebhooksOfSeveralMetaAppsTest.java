package com.bsp.onboarding.ingest.meta;

import static com.bsp.onboarding.ingest.support.Webhooks.ACME_APP_ID;
import static com.bsp.onboarding.ingest.support.Webhooks.ACME_APP_SECRET;
import static com.bsp.onboarding.ingest.support.Webhooks.ACME_VERIFY_TOKEN;
import static com.bsp.onboarding.ingest.support.Webhooks.GLOBEX_APP_ID;
import static com.bsp.onboarding.ingest.support.Webhooks.GLOBEX_APP_SECRET;
import static com.bsp.onboarding.ingest.support.Webhooks.GLOBEX_PREVIOUS_APP_SECRET;
import static com.bsp.onboarding.ingest.support.Webhooks.GLOBEX_VERIFY_TOKEN;
import static com.bsp.onboarding.ingest.support.Webhooks.META_APP_SECRET;
import static com.bsp.onboarding.ingest.support.Webhooks.header;
import static com.bsp.onboarding.ingest.support.Webhooks.postMetaApp;
import static com.bsp.onboarding.ingest.support.Webhooks.postMetaSigned;
import static com.bsp.onboarding.ingest.support.Webhooks.rawRecordsOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.webhook.RawWebhookHeaders;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Two Meta apps (acme, globex), each at its own callback /webhooks/meta/{appId}, next to the single-app route. */
@QuarkusTest
class ReceivingWebhooksOfSeveralMetaAppsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachAppAcceptsAWebhookSignedWithItsOwnSecretAndTheRawRecordNamesTheApp() {
        byte[] toAcme = partnerAdded(UUID.randomUUID().toString());
        byte[] toGlobex = partnerAdded(UUID.randomUUID().toString());

        postMetaApp(ACME_APP_ID, toAcme, ACME_APP_SECRET).statusCode(200);
        postMetaApp(GLOBEX_APP_ID, toGlobex, GLOBEX_APP_SECRET).statusCode(200);

        ConsumerRecord<String, byte[]> acme = single(rawRecordsOf(Topics.WEBHOOKS_RAW, toAcme));
        assertEquals(ACME_APP_ID, header(acme, RawWebhookHeaders.META_APP_ID));
        assertEquals("meta", header(acme, RawWebhookHeaders.WEBHOOK_SOURCE));
        assertEquals(GLOBEX_APP_ID, header(single(rawRecordsOf(Topics.WEBHOOKS_RAW, toGlobex)), RawWebhookHeaders.META_APP_ID));
    }

    @Test
    void refusesOnOneAppsRouteAWebhookSignedWithAnotherAppsSecret() {
        byte[] body = partnerAdded(UUID.randomUUID().toString());

        postMetaApp(ACME_APP_ID, body, GLOBEX_APP_SECRET).statusCode(401).contentType("application/problem+json");
        postMetaApp(GLOBEX_APP_ID, body, ACME_APP_SECRET).statusCode(401).contentType("application/problem+json");
        postMetaApp(ACME_APP_ID, body, META_APP_SECRET).statusCode(401);
        given().contentType("application/json").body(body).when().post("/webhooks/meta/" + ACME_APP_ID)
                .then().statusCode(401);

        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty(), "nothing stored");
    }

    @Test
    void theSingleAppRouteRefusesAWebhookSignedWithANamedAppsSecret() {
        byte[] body = partnerAdded(UUID.randomUUID().toString());
        given().contentType("application/json").body(body)
                .header("X-Hub-Signature-256", "sha256=" + com.bsp.onboarding.ingest.support.Webhooks.hmacSha256Hex(ACME_APP_SECRET, body))
                .when().post("/webhooks/meta").then().statusCode(401);
        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void acceptsAnAppsPreviousSecretDuringItsRotationOnItsOwnRouteOnly() {
        byte[] body = partnerAdded(UUID.randomUUID().toString());

        postMetaApp(ACME_APP_ID, body, GLOBEX_PREVIOUS_APP_SECRET).statusCode(401);
        postMetaApp(GLOBEX_APP_ID, body, GLOBEX_PREVIOUS_APP_SECRET).statusCode(200);

        assertEquals(GLOBEX_APP_ID, header(single(rawRecordsOf(Topics.WEBHOOKS_RAW, body)), RawWebhookHeaders.META_APP_ID));
    }

    @Test
    void answersEachAppsHandshakeWithItsOwnVerifyTokenOnly() {
        handshake(ACME_APP_ID, ACME_VERIFY_TOKEN).statusCode(200).body(equalTo("4711"));
        handshake(GLOBEX_APP_ID, GLOBEX_VERIFY_TOKEN).statusCode(200).body(equalTo("4711"));
        handshake(ACME_APP_ID, GLOBEX_VERIFY_TOKEN).statusCode(403).contentType("application/problem+json");
        handshake(GLOBEX_APP_ID, ACME_VERIFY_TOKEN).statusCode(403);
        handshake(ACME_APP_ID, "verify-token-for-tests").statusCode(403);
    }

    @Test
    void answersAnUnknownAppWith404AndStoresNothing() {
        byte[] body = partnerAdded(UUID.randomUUID().toString());

        postMetaApp("3333333333333333", body, ACME_APP_SECRET).statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
        handshake("3333333333333333", ACME_VERIFY_TOKEN).statusCode(404).contentType("application/problem+json");

        assertTrue(rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty());
    }

    @Test
    void putsTheAppIdIntoEveryTypedChange() throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"2949482758682047\",\"time\":1744823932,\"changes\":["
                + "{\"field\":\"account_update\",\"value\":{\"event\":\"PARTNER_ADDED\",\"marker\":\"" + marker + "\",\"waba_info\":{\"waba_id\":\"980198427658004\"}}},"
                + "{\"field\":\"account_update\",\"value\":{\"event\":\"PARTNER_APP_INSTALLED\",\"marker\":\"" + marker + "\",\"waba_info\":{\"waba_id\":\"980198427658004\"}}}]}]}")
                .getBytes(StandardCharsets.UTF_8);

        postMetaApp(ACME_APP_ID, body, ACME_APP_SECRET).statusCode(200);

        List<ConsumerRecord<String, String>> typed = TopicReader.await(Topics.META_WEBHOOK_EVENTS,
                r -> r.value().contains(marker), 2, Duration.ofSeconds(20));
        assertEquals(2, typed.size());
        for (ConsumerRecord<String, String> record : typed) {
            JsonNode data = JSON.readTree(record.value()).get("data");
            assertEquals(ACME_APP_ID, data.get("app_id").asText(), record.value());
            assertEquals("980198427658004", data.get("waba_id").asText());
        }
    }

    @Test
    void keepsOneBodyPostedToTwoAppsAsTwoWebhooksWithTheirOwnIds() throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] body = partnerAdded(marker);

        postMetaApp(ACME_APP_ID, body, ACME_APP_SECRET).statusCode(200);
        postMetaApp(GLOBEX_APP_ID, body, GLOBEX_APP_SECRET).statusCode(200);
        postMetaSigned(body).statusCode(200);

        List<ConsumerRecord<String, byte[]>> raw = rawRecordsOf(Topics.WEBHOOKS_RAW, body);
        assertEquals(3, raw.size());
        assertEquals(3, raw.stream().map(r -> header(r, RawWebhookHeaders.CE_ID)).distinct().count(), "three raw ids");
        List<ConsumerRecord<String, String>> typed = TopicReader.await(Topics.META_WEBHOOK_EVENTS,
                r -> r.value().contains(marker), 3, Duration.ofSeconds(20));
        Map<String, String> idByApp = typed.stream().collect(Collectors.toMap(
                r -> read(r.value()).get("data").path("app_id").asText("none"), r -> read(r.value()).get("id").asText()));
        assertEquals(java.util.Set.of(ACME_APP_ID, GLOBEX_APP_ID, "none"), idByApp.keySet());
        assertNotEquals(idByApp.get(ACME_APP_ID), idByApp.get(GLOBEX_APP_ID));
        assertEquals(3, idByApp.values().stream().distinct().count());
    }

    private static io.restassured.response.ValidatableResponse handshake(String appId, String token) {
        return given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", token)
                .queryParam("hub.challenge", "4711").when().get("/webhooks/meta/{appId}", appId).then();
    }

    private static byte[] partnerAdded(String marker) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"2949482758682047\",\"time\":1744823932,\"changes\":["
                + "{\"field\":\"account_update\",\"value\":{\"event\":\"PARTNER_ADDED\",\"marker\":\"" + marker + "\","
                + "\"waba_info\":{\"waba_id\":\"980198427658004\"}}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> single(List<ConsumerRecord<String, byte[]>> records) {
        assertEquals(1, records.size(), "stored once");
        return records.get(0);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

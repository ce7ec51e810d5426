package com.bsp.onboarding.ingest.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.webhook.MetaWebhookChange;
import com.bsp.onboarding.ingest.typed.TypedEventStage.MetaWebhookParser;
import com.bsp.onboarding.ingest.typed.TypedEventStage.TypedEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetaWebhookParserTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final MetaWebhookParser PARSER = new MetaWebhookParser(JSON.getFactory());
    private static final Instant RECEIVED = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void writesEventsThatReadBackAsTheContractRecordWithTheValueByteForByte() throws Exception {
        String value = "{\"event\":\"PARTNER_ADDED\",\"waba_info\":{\"waba_id\":\"980198427658004\",\"owner_business_id\":\"2329417887457253\"},\"note\":\"caf\\u00e9 \\/ x\"}";
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"2949482758682047\",\"time\":1744823932,"
                + "\"changes\":[{\"value\":" + value + ",\"field\":\"account_update\"}]}]}";

        List<TypedEvent> events = PARSER.parse("raw-1", null, body.getBytes(StandardCharsets.UTF_8), RECEIVED);

        assertEquals(1, events.size());
        assertEquals("980198427658004", events.get(0).key());
        String json = new String(events.get(0).cloudEventJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"value\":" + value), "the value is copied exactly as Meta sent it: " + json);
        CloudEvent<MetaWebhookChange> event = JSON.readValue(json, new TypeReference<CloudEvent<MetaWebhookChange>>() { });
        assertEquals("com.bsp.onboarding.meta.account_update.PARTNER_ADDED", event.type());
        assertEquals(events.get(0).id(), event.id());
        assertEquals(Instant.ofEpochSecond(1744823932), event.time());
        MetaWebhookChange data = event.data();
        assertEquals("raw-1", data.rawId());
        assertEquals("whatsapp_business_account", data.object());
        assertEquals("2949482758682047", data.entryId());
        assertEquals(1744823932L, data.entryTime());
        assertEquals("account_update", data.field());
        assertEquals("PARTNER_ADDED", data.event());
        assertEquals("980198427658004", data.wabaId());
        assertEquals("café / x", data.value().get("note").asText());
    }

    @Test
    void readsFieldsInAnyOrderAndNumericIds() throws Exception {
        String body = "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[]}}],\"time\":5,\"id\":123}],"
                + "\"object\":\"whatsapp_business_account\"}";
        TypedEvent event = PARSER.parse("r", null, body.getBytes(StandardCharsets.UTF_8), RECEIVED).get(0);
        CloudEvent<MetaWebhookChange> read = JSON.readValue(event.cloudEventJson(), new TypeReference<CloudEvent<MetaWebhookChange>>() { });
        assertEquals("123", read.data().wabaId());
        assertEquals("whatsapp_business_account", read.data().object());
        assertNull(read.data().event());
        assertEquals("com.bsp.onboarding.meta.messages", read.type());
    }

    @Test
    void derivesTheSameIdsFromTheSameContentAndDifferentIdsFromDifferentContent() throws Exception {
        byte[] body = "{\"entry\":[{\"id\":\"1\",\"time\":1,\"changes\":[{\"field\":\"f\",\"value\":{\"a\":1}},{\"field\":\"f\",\"value\":{\"a\":2}}]}]}"
                .getBytes(StandardCharsets.UTF_8);
        List<TypedEvent> first = PARSER.parse("r1", null, body, RECEIVED);
        List<TypedEvent> again = PARSER.parse("r2", null, body, RECEIVED.plusSeconds(60));
        assertEquals(first.get(0).id(), again.get(0).id());
        assertEquals(first.get(1).id(), again.get(1).id());
        assertTrue(!first.get(0).id().equals(first.get(1).id()));
    }

    @Test
    void namesTheAppOfTheRouteInEveryChangeAndKeepsOneChangeSentToTwoAppsApart() throws Exception {
        byte[] body = "{\"entry\":[{\"id\":\"1\",\"time\":1,\"changes\":[{\"field\":\"f\",\"value\":{\"a\":1}}]}]}"
                .getBytes(StandardCharsets.UTF_8);
        TypedEvent ofAcme = PARSER.parse("r1", "1111", body, RECEIVED).get(0);
        TypedEvent ofGlobex = PARSER.parse("r2", "2222", body, RECEIVED).get(0);
        TypedEvent ofSingleApp = PARSER.parse("r3", null, body, RECEIVED).get(0);

        assertEquals("1111", read(ofAcme).data().appId());
        assertEquals("2222", read(ofGlobex).data().appId());
        assertNull(read(ofSingleApp).data().appId());
        assertTrue(!new String(ofSingleApp.cloudEventJson(), StandardCharsets.UTF_8).contains("app_id"));
        assertEquals(3, java.util.Set.of(ofAcme.id(), ofGlobex.id(), ofSingleApp.id()).size());
    }

    private static CloudEvent<MetaWebhookChange> read(TypedEvent event) throws Exception {
        return JSON.readValue(event.cloudEventJson(), new TypeReference<CloudEvent<MetaWebhookChange>>() { });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1,2]",
        "{\"object\":\"x\"}",
        "{\"entry\":{}}",
        "{\"entry\":[{\"id\":\"1\"}]}",
        "{\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{}}]}]}",
        "{\"entry\":[{\"id\":\"1\",\"changes\":[7]}]}",
        "{\"entry\":[]} trailing",
        "{\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"f\",\"value\":{\"a\":"
    })
    void refusesWhatIsNotAMetaEnvelope(String body) {
        assertThrows(UnparseableWebhookException.class, () -> PARSER.parse("r", null, body.getBytes(StandardCharsets.UTF_8), RECEIVED));
    }
}

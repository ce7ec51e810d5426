package com.bsp.onboarding.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 360Dialog's account sharing in the emulator: a client, then the number of a WABA handed to it once. */
class Dialog360AccountSharingTest {

    private final ProviderCore core = new ProviderCore(new ProviderSettings("app", "secret", "system", "line-1", Duration.ofMillis(300)));

    private ProviderResponse post(String path, String body, String apiKey) {
        Map<String, String> headers = apiKey == null ? Map.of() : Map.of("X-API-Key", apiKey);
        return core.handle(new ProviderRequest("POST", path, null, headers, body.getBytes(StandardCharsets.UTF_8))).complete();
    }

    private static JsonNode body(ProviderResponse response) {
        return response.body();
    }

    @Test
    void aSharedNumberOfAClientIsAcceptedOnceAndAnnounced() {
        List<Dialog360AccountSharing.SharedNumber> announced = new ArrayList<>();
        core.onNumberShared(announced::add);
        String client = body(post("/api/v2/partners/pA/account_sharing/clients", "{\"name\":\"Acme (WABA w1)\"}", "k")).path("id").asText();

        ProviderResponse first = post("/api/v2/partners/pA/account_sharing/numbers",
                "{\"solution_id\":\"sol-1\",\"waba_external_id\":\"w1\",\"client_id\":\"" + client + "\"}", "k");
        ProviderResponse again = post("/api/v2/partners/pA/account_sharing/numbers",
                "{\"solution_id\":\"sol-1\",\"waba_external_id\":\"w1\",\"client_id\":\"" + client + "\"}", "k");

        assertEquals(200, first.status());
        assertEquals(409, again.status());
        assertEquals(1, announced.size());
        assertEquals(client, announced.get(0).clientId());
        assertEquals("w1", core.accountSharing().path("numbers").path(0).path("waba_external_id").asText());
        assertEquals(2, core.calls("account_sharing_number", "pA").path("count").asInt());
    }

    @Test
    void incompleteHandOversAndUnknownClientsAreRefused() {
        assertEquals(400, post("/api/v2/partners/pA/account_sharing/clients", "{}", "k").status());
        assertEquals(400, post("/api/v2/partners/pA/account_sharing/numbers", "{\"solution_id\":\"s\",\"waba_external_id\":\"w\"}", "k").status());
        assertEquals(404, post("/api/v2/partners/pA/account_sharing/numbers",
                "{\"solution_id\":\"s\",\"waba_external_id\":\"w\",\"client_id\":\"nobody\"}", "k").status());
        assertEquals(401, post("/api/v2/partners/pA/account_sharing/clients", "{\"name\":\"x\"}", null).status());
    }

    @Test
    void clientsAreListedByName() {
        post("/api/v2/partners/pA/account_sharing/clients", "{\"name\":\"one\"}", "k");
        post("/api/v2/partners/pA/account_sharing/clients", "{\"name\":\"two\"}", "k");
        ProviderResponse listed = core.handle(new ProviderRequest("GET", "/api/v2/partners/pA/clients",
                "filters=%7B%22name%22%3A%22two%22%7D", Map.of("X-API-Key", "k"), null)).complete();

        assertEquals(1, body(listed).path("total").asInt());
        assertEquals("two", body(listed).path("clients").path(0).path("name").asText());
    }
}

package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * 360Dialog's account sharing, for partners that host Embedded Signup themselves (360Dialog docs, "Partner-Hosted
 * Embedded Signup" and the Partner API reference "Account Sharing"): {@code POST /partners/{p}/account_sharing/clients}
 * creates an empty client, {@code POST /partners/{p}/account_sharing/numbers} onboards the number of a WABA shared
 * with the partner's solution for one client ({@code client_id}) or business ({@code waba_business_id}). 360Dialog
 * answers "your number is onboarding" and then creates the client's channel; listeners (the sandbox) send the
 * channel's partner webhooks.
 *
 * <p>Not documented, so chosen here: a WABA already handed over answers 409 (the number is onboarding already), an
 * unknown client 404, a missing field 400 with {@code detail}, like 360Dialog's other errors.
 */
public final class Dialog360AccountSharing {

    /** A number 360Dialog accepted: the listeners make its channel. */
    public record SharedNumber(String partnerId, String clientId, String solutionId, String wabaId, String businessId) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();
    /** In the order they were created, as 360Dialog lists them by default. */
    private final Map<String, ObjectNode> clients = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, SharedNumber> numbersByWaba = new ConcurrentHashMap<>();
    private final List<Consumer<SharedNumber>> listeners = new CopyOnWriteArrayList<>();

    ProviderResponse createClient(String partnerId, byte[] raw) {
        JsonNode body = read(raw);
        if (body == null || !body.path("name").isTextual() || body.path("name").asText().isBlank()) {
            return GraphErrors.detail(400, "name is required");
        }
        String id = "as" + ids.incrementAndGet() + "CL";
        String now = Instant.now().toString();
        ObjectNode client = GraphErrors.object().put("id", id).put("partner_id", partnerId).put("name", body.path("name").asText())
                .put("created_at", now).put("modified_at", now);
        if (body.path("user_name").isTextual()) {
            client.put("user_name", body.path("user_name").asText());
        }
        clients.put(id, client);
        return ProviderResponse.json(200, client);
    }

    ProviderResponse shareNumber(String partnerId, byte[] raw) {
        JsonNode body = read(raw);
        if (body == null) {
            return GraphErrors.detail(400, "the body is not JSON");
        }
        String solutionId = text(body, "solution_id");
        String wabaId = text(body, "waba_external_id");
        String clientId = text(body, "client_id");
        String businessId = text(body, "waba_business_id");
        if (solutionId == null || wabaId == null) {
            return GraphErrors.detail(400, "solution_id and waba_external_id are required");
        }
        if (clientId == null && businessId == null) {
            return GraphErrors.detail(400, "one of waba_business_id or client_id must be specified");
        }
        if (clientId != null && (!clients.containsKey(clientId) || !partnerId.equals(clients.get(clientId).path("partner_id").asText()))) {
            return GraphErrors.detail(404, "client " + clientId + " not found");
        }
        SharedNumber shared = new SharedNumber(partnerId, clientId, solutionId, wabaId, businessId);
        if (numbersByWaba.putIfAbsent(wabaId, shared) != null) {
            return GraphErrors.detail(409, "the number of WABA " + wabaId + " is onboarding already");
        }
        listeners.forEach(listener -> listener.accept(shared));
        ObjectNode answer = GraphErrors.object().put("solution_id", solutionId).put("waba_external_id", wabaId)
                .put("message", "Success. Please wait, your number is onboarding.");
        if (clientId != null) {
            answer.put("client_id", clientId);
        }
        if (businessId != null) {
            answer.put("waba_business_id", businessId);
        }
        return ProviderResponse.json(200, answer);
    }

    /** {@code GET /partners/{p}/clients}: {@code {"clients":[...],"total":n}}, optionally of one name (filters {"name":...}). */
    ProviderResponse listClients(String partnerId, String filters) {
        String name = null;
        if (filters != null) {
            JsonNode parsed = read(filters.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            name = parsed == null ? null : text(parsed, "name");
        }
        ObjectNode answer = GraphErrors.object();
        ArrayNode list = answer.putArray("clients");
        for (ObjectNode client : List.copyOf(clients.values())) {
            if (partnerId.equals(client.path("partner_id").asText()) && (name == null || name.equals(client.path("name").asText()))) {
                list.add(client);
            }
        }
        answer.put("total", list.size());
        return ProviderResponse.json(200, answer);
    }

    void onNumberShared(Consumer<SharedNumber> listener) {
        listeners.add(listener);
    }

    ObjectNode state() {
        ObjectNode state = GraphErrors.object();
        ArrayNode clientList = state.putArray("clients");
        List.copyOf(clients.values()).forEach(clientList::add);
        ArrayNode numbers = state.putArray("numbers");
        numbersByWaba.values().forEach(n -> numbers.addObject().put("partner_id", n.partnerId()).put("client_id", n.clientId())
                .put("solution_id", n.solutionId()).put("waba_external_id", n.wabaId()).put("waba_business_id", n.businessId()));
        return state;
    }

    void reset() {
        clients.clear();
        numbersByWaba.clear();
    }

    private JsonNode read(byte[] raw) {
        try {
            return raw == null || raw.length == 0 ? null : json.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}

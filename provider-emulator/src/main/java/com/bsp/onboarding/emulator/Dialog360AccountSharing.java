package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
    private final Dialog360Clients clients;
    private final Map<String, SharedNumber> numbersByWaba = new ConcurrentHashMap<>();
    private final List<Consumer<SharedNumber>> listeners = new CopyOnWriteArrayList<>();

    Dialog360AccountSharing(Dialog360Clients clients) {
        this.clients = clients;
    }

    ProviderResponse createClient(String partnerId, byte[] raw) {
        JsonNode body = read(raw);
        if (body == null || !body.path("name").isTextual() || body.path("name").asText().isBlank()) {
            return GraphErrors.detail(400, "name is required");
        }
        String id = "as" + ids.incrementAndGet() + "CL";
        ObjectNode client = clients.client(partnerId, id, body.path("name").asText(), text(body, "partner_payload"));
        if (body.path("user_name").isTextual()) {
            client.put("user_name", body.path("user_name").asText());
        }
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
        if (clientId != null && !clients.isClientOf(partnerId, clientId)) {
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

    void onNumberShared(Consumer<SharedNumber> listener) {
        listeners.add(listener);
    }

    ObjectNode state() {
        ObjectNode state = GraphErrors.object();
        state.set("clients", clients.clientsState());
        ArrayNode numbers = state.putArray("numbers");
        numbersByWaba.values().forEach(n -> numbers.addObject().put("partner_id", n.partnerId()).put("client_id", n.clientId())
                .put("solution_id", n.solutionId()).put("waba_external_id", n.wabaId()).put("waba_business_id", n.businessId()));
        return state;
    }

    void reset() {
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

package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 360Dialog's one registry of a partner's clients and their channels, whichever way a client came to be (the hub's
 * signup or permission screen, account sharing). Each client carries {@code partner_payload}: the IO link's
 * {@code partner} parameter (reference §1.1, §3.5). Read through the Partner API: {@code GET /partners/{p}/clients}
 * ({@code {"clients":[...],"total":n}}) and {@code GET /partners/{p}/channels} ({@code {"partner_channels":[...],
 * "total":n}}), both with a {@code filters} JSON object (reference §1.5).
 *
 * <p>Not documented, so chosen here: a filter matches fields of the listed objects by equality (e.g.
 * {@code {"partner_payload":"..."}}, {@code {"client_id":"..."}}); an unreadable filter answers 400.
 */
final class Dialog360Clients {

    private final ObjectMapper json = new ObjectMapper();
    /** In the order they were created, as 360Dialog lists them by default. */
    private final Map<String, ObjectNode> clients = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ObjectNode> channels = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Creates the client, or keeps the existing one (its payload stays: 360Dialog stores it at creation). */
    ObjectNode client(String partnerId, String clientId, String name, String partnerPayload) {
        return clients.computeIfAbsent(clientId, id -> {
            String now = Instant.now().toString();
            ObjectNode client = GraphErrors.object().put("id", id).put("partner_id", partnerId).put("name", name)
                    .put("created_at", now).put("modified_at", now);
            client.put("partner_payload", partnerPayload);
            return client;
        });
    }

    boolean isClientOf(String partnerId, String clientId) {
        ObjectNode client = clientId == null ? null : clients.get(clientId);
        return client != null && partnerId.equals(client.path("partner_id").asText());
    }

    /** A channel of the client (created first if unknown), with its status. */
    void channel(String partnerId, String clientId, String channelId, String status) {
        client(partnerId, clientId, clientId, null);
        channels.compute(channelId, (id, known) -> (known != null ? known : GraphErrors.object().put("id", id)
                .put("partner_id", partnerId).put("client_id", clientId).put("created_at", Instant.now().toString()))
                .put("status", status));
    }

    ProviderResponse listClients(String partnerId, String filters) {
        return list(partnerId, filters, clients, "clients");
    }

    ProviderResponse listChannels(String partnerId, String filters) {
        return list(partnerId, filters, channels, "partner_channels");
    }

    private ProviderResponse list(String partnerId, String filters, Map<String, ObjectNode> items, String field) {
        JsonNode filter = json.createObjectNode();
        if (filters != null && !filters.isBlank()) {
            try {
                filter = json.readTree(filters.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                filter = null;
            }
            if (filter == null || !filter.isObject()) {
                return GraphErrors.detail(400, "filters is not a JSON object");
            }
        }
        ObjectNode answer = GraphErrors.object();
        ArrayNode list = answer.putArray(field);
        List<ObjectNode> all;
        synchronized (items) {
            all = List.copyOf(items.values());
        }
        for (ObjectNode item : all) {
            if (partnerId.equals(item.path("partner_id").asText()) && matches(item, filter)) {
                list.add(item.deepCopy());
            }
        }
        answer.put("total", list.size());
        return ProviderResponse.json(200, answer);
    }

    private static boolean matches(ObjectNode item, JsonNode filter) {
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> condition = it.next();
            if (!item.has(condition.getKey()) || !item.get(condition.getKey()).asText().equals(condition.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    ArrayNode clientsState() {
        ArrayNode list = GraphErrors.object().arrayNode();
        synchronized (clients) {
            clients.values().forEach(list::add);
        }
        return list;
    }

    void reset() {
        clients.clear();
        channels.clear();
    }
}

package com.bsp.onboarding.eventing.inbox;

import com.bsp.onboarding.contracts.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The CloudEvents attributes a consumer reads from a structured-mode record (the value is the whole
 * event), read tolerantly: fields it does not know are ignored, as the contract asks of consumers.
 *
 * @param time the event's {@code time}, or the record's timestamp when the producer left it out
 */
public record Envelope(String id, String type, Instant time, JsonNode data) {

    private static final ObjectMapper JSON = EventJson.newMapper();

    public static Envelope parse(String value, Instant recordTime) throws MalformedEventException {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("empty record");
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the content, which is not ours to log.
            throw new MalformedEventException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        String id = text(root.get("id"));
        String type = text(root.get("type"));
        if (id == null || type == null) {
            throw new MalformedEventException("no CloudEvents id or type");
        }
        return new Envelope(id, type, time(root.get("time"), recordTime), root.get("data"));
    }

    /** The event's data as a contract record; fails when it is missing or of the wrong shape. */
    public <T> T dataAs(Class<T> type) throws MalformedEventException {
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("no data object in " + this.type);
        }
        try {
            return JSON.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data of " + this.type + " does not match the contract");
        }
    }

    public static String text(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber()) && !node.asText().isBlank() ? node.asText() : null;
    }

    private static Instant time(JsonNode node, Instant recordTime) throws MalformedEventException {
        String text = text(node);
        if (text == null) {
            return recordTime;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("time is not an RFC 3339 timestamp");
        }
    }
}

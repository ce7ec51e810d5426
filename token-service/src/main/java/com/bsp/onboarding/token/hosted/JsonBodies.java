package com.bsp.onboarding.token.hosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotSupportedException;
import java.io.IOException;
import java.util.Locale;

/**
 * An optional JSON request body: absent (empty, with any or no Content-Type), or a JSON document sent as
 * application/json. Failures are the framework's exceptions, so the shared problem mappers answer them as for
 * any other body (415; 400 naming where the JSON broke).
 */
final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    /** null for no body, the document otherwise. */
    static JsonNode optional(String contentType, byte[] raw) throws IOException {
        if (raw == null || raw.length == 0) {
            return null;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new NotSupportedException("The body must be application/json.");
        }
        return JSON.readTree(raw);
    }
}

package com.bsp.onboarding.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request to the emulated providers, as any transport received it. The path is the provider's own
 * path ({@code /v23.0/...}, {@code /api/v2/...}, {@code /v1/configs/webhook}); a transport that mounts
 * the providers under prefixes strips them first.
 */
public record ProviderRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

    public ProviderRequest {
        // HTTP header names are case-insensitive, whatever map the transport handed over.
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            caseInsensitive.putAll(headers);
        }
        headers = caseInsensitive;
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The decoded query parameters (the last of a repeated name wins). */
    public Map<String, String> query() {
        return parseQuery(rawQuery);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}

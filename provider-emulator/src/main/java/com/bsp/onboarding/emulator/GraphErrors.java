package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/** Meta's error body: {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}. */
final class GraphErrors {

    private static final AtomicLong TRACE_IDS = new AtomicLong();

    private GraphErrors() {
    }

    static ProviderResponse error(int status, Integer code, Integer subcode, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode inner = body.putObject("error").put("message", message).put("type", "OAuthException")
                .put("fbtrace_id", "Emu" + Long.toHexString(TRACE_IDS.incrementAndGet()));
        if (code != null) {
            inner.put("code", code);
        }
        if (subcode != null) {
            inner.put("error_subcode", subcode);
        }
        return ProviderResponse.json(status, body);
    }

    /** 360Dialog answers problems as {@code {"detail": ...}}. */
    static ProviderResponse detail(int status, String detail) {
        return ProviderResponse.json(status, JsonNodeFactory.instance.objectNode().put("detail", detail));
    }

    static ProviderResponse ok(ObjectNode body) {
        return ProviderResponse.json(200, body);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ProviderResponse success() {
        return ok(object().put("success", true));
    }
}

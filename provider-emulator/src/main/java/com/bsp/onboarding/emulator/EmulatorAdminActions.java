package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The admin API of {@link EmulatorAdmin} ({@code calls}, {@code summary}, {@code faults}, {@code latency},
 * {@code seed}, {@code waba}, {@code account-sharing}, {@code codes}, {@code token-scopes}, {@code reset}) on a {@link ProviderCore}, without a
 * transport.
 */
public final class EmulatorAdminActions {

    private final ObjectMapper json = new ObjectMapper();
    private final ProviderCore core;

    public EmulatorAdminActions(ProviderCore core) {
        this.core = core;
    }

    /** {@code action} is the path below the admin prefix, e.g. {@code faults}. */
    public ProviderResponse handle(String method, String action, String rawQuery, byte[] raw) {
        JsonNode body;
        try {
            body = raw == null || raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
        } catch (IOException e) {
            return GraphErrors.detail(400, "the body is not JSON");
        }
        Map<String, String> query = ProviderRequest.parseQuery(rawQuery);
        switch (method + " " + action) {
            case "GET calls" -> {
                return ProviderResponse.json(200, core.calls(query.get("operation"), query.get("target")));
            }
            case "GET summary" -> {
                return ProviderResponse.json(200, core.summary());
            }
            case "POST faults" -> core.addFault(fault(body));
            case "DELETE faults" -> core.clearFaults();
            case "POST latency" -> latency(body);
            case "POST seed" -> seed(body);
            case "GET waba" -> {
                return core.waba(query.get("id")).map(state -> ProviderResponse.json(200, state))
                        .orElseGet(() -> GraphErrors.detail(404, "no WABA " + query.get("id")));
            }
            case "GET account-sharing" -> {
                return ProviderResponse.json(200, core.accountSharing());
            }
            case "POST codes" -> {
                SignupOptions options;
                try {
                    options = signupOptions(body);
                } catch (IllegalArgumentException e) {
                    return GraphErrors.detail(400, e.getMessage());
                }
                return ProviderResponse.json(201, core.issueCode(text(body, "app_id"), options).toJson());
            }
            case "POST token-scopes" -> {
                try {
                    core.defaultTokenScopes(TokenScopes.fromWire(text(body, "scopes")));
                } catch (IllegalArgumentException e) {
                    return GraphErrors.detail(400, e.getMessage());
                }
            }
            case "POST apps" -> core.addApp(new EmulatedApp(text(body, "app_id"), text(body, "app_secret"),
                    text(body, "system_user_token"), text(body, "credit_line_id")));
            case "POST clients" -> {
                String partner = text(body, "partner_id");
                String client = text(body, "client_id");
                if (partner == null || client == null) {
                    return GraphErrors.detail(400, "partner_id and client_id are required");
                }
                List<String> channelIds = new java.util.ArrayList<>();
                body.path("channels").forEach(c -> channelIds.add(c.asText()));
                String status = text(body, "status");
                core.dialog360Client(partner, client, text(body, "partner_payload"), channelIds, status == null ? "running" : status);
            }
            case "GET channel" -> {
                return ProviderResponse.json(200, core.channel(query.get("id")));
            }
            case "POST reset" -> core.reset();
            default -> {
                return GraphErrors.detail(404, "no admin action " + method + " " + action);
            }
        }
        return ProviderResponse.empty(204);
    }

    /** {@code on_biz_app}: a WhatsApp Business app number (coexistence), never registered. */
    private void seed(JsonNode body) {
        String waba = body.path("waba_id").asText();
        String phone = text(body, "phone_number_id");
        if (phone != null && body.path("on_biz_app").asBoolean(false)) {
            core.seedAppNumber(waba, text(body, "business_id"), phone);
        } else {
            core.seed(waba, text(body, "business_id"), phone, body.path("registered").asBoolean(false));
        }
    }

    /** Of every call or one operation's; with {@code target} or {@code times}, of the next calls only. */
    private void latency(JsonNode body) {
        Duration delay = Duration.ofMillis(body.path("millis").asLong());
        String operation = text(body, "operation");
        if (body.hasNonNull("target") || body.hasNonNull("times")) {
            core.slowNext(operation, text(body, "target"), body.path("times").asLong(-1), delay);
        } else {
            core.latency(operation, delay);
        }
    }

    /** {@code age_ms}, {@code flow}, {@code scopes}, {@code token_reaches_other_waba} of a {@code POST codes}. */
    public static SignupOptions signupOptions(JsonNode body) {
        SignupOptions options = SignupOptions.defaults().withAge(Duration.ofMillis(body.path("age_ms").asLong(0)))
                .withFlow(SignupFlow.fromWire(text(body, "flow")));
        if (body.hasNonNull("scopes")) {
            options = options.withScopes(TokenScopes.fromWire(body.get("scopes").asText()));
        }
        return body.path("token_reaches_other_waba").asBoolean(false) ? options.reachingOtherWaba() : options;
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static FaultSpec fault(JsonNode body) {
        return FaultSpec.of(body.path("operation").asText("*"), text(body, "target"),
                body.path("times").asLong(-1), body.path("rate").asDouble(1.0),
                body.path("http_status").asInt(500), body.hasNonNull("code") ? body.get("code").asInt() : null,
                body.hasNonNull("subcode") ? body.get("subcode").asInt() : null, body.path("drop").asBoolean(false));
    }
}

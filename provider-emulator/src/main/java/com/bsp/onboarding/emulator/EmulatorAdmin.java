package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link ProviderEmulator} (admin API under {@code /_emulator}) or the sandbox (under
 * {@code /_sandbox}) over HTTP. Tests use HTTP rather than the instance, because a Quarkus test and its
 * test resources live in different class loaders, and the sandbox is another process.
 */
public final class EmulatorAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String adminUrl;

    /** The admin API of a {@link ProviderEmulator} at {@code baseUrl}. */
    public EmulatorAdmin(String baseUrl) {
        this(baseUrl, "/_emulator");
    }

    /** The admin API under {@code adminPath} of {@code baseUrl}, e.g. the sandbox's {@code /_sandbox}. */
    public EmulatorAdmin(String baseUrl, String adminPath) {
        String path = adminPath.startsWith("/") ? adminPath : "/" + adminPath;
        this.adminUrl = stripTrailingSlash(baseUrl) + stripTrailingSlash(path) + "/";
    }

    public void reset() {
        call("POST", "reset", null);
    }

    public void latencyMillis(long millis) {
        call("POST", "latency", JSON.createObjectNode().put("millis", millis));
    }

    /** Every call of one operation takes this long (a call in flight for a crash test, a slow provider). */
    public void latencyMillis(String operation, long millis) {
        call("POST", "latency", JSON.createObjectNode().put("millis", millis).put("operation", operation));
    }

    /**
     * The next {@code times} calls of {@code operation} on {@code target} (null: any) take this long, then
     * take effect as usual: one slow answer, or a call still in flight when its client gives up.
     */
    public void latencyMillisOn(String operation, String target, int times, long millis) {
        ObjectNode latency = JSON.createObjectNode().put("millis", millis).put("operation", operation).put("times", times);
        if (target != null) {
            latency.put("target", target);
        }
        call("POST", "latency", latency);
    }

    /** The next {@code times} calls of {@code operation} ("*" for any) fail with this HTTP status and Graph code. */
    public void failNext(String operation, int times, int httpStatus, Integer code) {
        failNextOn(operation, null, times, httpStatus, code);
    }

    /** Like {@link #failNext}, for calls on one target only (a WABA, phone number, channel ...). */
    public void failNextOn(String operation, String target, int times, int httpStatus, Integer code) {
        ObjectNode fault = JSON.createObjectNode().put("operation", operation).put("times", times).put("http_status", httpStatus);
        if (target != null) {
            fault.put("target", target);
        }
        if (code != null) {
            fault.put("code", code);
        }
        call("POST", "faults", fault);
    }

    /** The next {@code times} calls of {@code operation} on {@code target} get no answer: the connection is closed. */
    public void dropNextOn(String operation, String target, int times) {
        ObjectNode fault = JSON.createObjectNode().put("operation", operation).put("times", times).put("drop", true);
        if (target != null) {
            fault.put("target", target);
        }
        call("POST", "faults", fault);
    }

    /** A share of all calls of {@code operation} fails with this status and code, until {@link #clearFaults()}. */
    public void failRate(String operation, double rate, int httpStatus, Integer code) {
        ObjectNode fault = JSON.createObjectNode().put("operation", operation).put("rate", rate).put("http_status", httpStatus);
        if (code != null) {
            fault.put("code", code);
        }
        call("POST", "faults", fault);
    }

    public void clearFaults() {
        call("DELETE", "faults", null);
    }

    /** Makes the emulator know a WABA's business and phone number (registered on Cloud API or not). */
    public void seed(String wabaId, String businessId, String phoneNumberId, boolean registered) {
        ObjectNode seed = JSON.createObjectNode().put("waba_id", wabaId).put("business_id", businessId)
                .put("phone_number_id", phoneNumberId).put("registered", registered);
        call("POST", "seed", seed);
    }

    /** Makes the emulator know a WABA whose number stays on the WhatsApp Business app (coexistence). */
    public void seedAppNumber(String wabaId, String businessId, String phoneNumberId) {
        ObjectNode seed = JSON.createObjectNode().put("waba_id", wabaId).put("business_id", businessId)
                .put("phone_number_id", phoneNumberId).put("on_biz_app", true);
        call("POST", "seed", seed);
    }

    /** What Meta knows of a WABA: business, numbers (registrations, coexistence syncs), subscription, allocation. */
    public JsonNode waba(String wabaId) {
        return call("GET", "waba?id=" + encode(wabaId), null);
    }

    /**
     * Makes 360Dialog know a client of {@code partnerId} carrying {@code partnerPayload} (null: none), with channels
     * (status running), as its hub does when a customer finishes a signup through an IO link.
     */
    public void dialog360Client(String partnerId, String clientId, String partnerPayload, String... channelIds) {
        ObjectNode client = JSON.createObjectNode().put("partner_id", partnerId).put("client_id", clientId);
        if (partnerPayload != null) {
            client.put("partner_payload", partnerPayload);
        }
        com.fasterxml.jackson.databind.node.ArrayNode channels = client.putArray("channels");
        for (String channel : channelIds) {
            channels.add(channel);
        }
        call("POST", "clients", client);
    }

    /** 360Dialog's account sharing: {@code {"clients":[{id,name,...}],"numbers":[{client_id,solution_id,waba_external_id,...}]}}. */
    public JsonNode accountSharing() {
        return call("GET", "account-sharing", null);
    }

    /** A customer finished Embedded Signup for the emulated app: a fresh WABA, business and number, and their code. */
    public IssuedCode issueCode() {
        return issueCode(Duration.ZERO);
    }

    /** Like {@link #issueCode()}, {@code age} ago: older than the code lifetime (Meta: 30 s), the code has expired. */
    public IssuedCode issueCode(Duration age) {
        return issueCode(SignupOptions.defaults().withAge(age));
    }

    /** A customer finished Embedded Signup as {@code options} say: its flow, its token's scopes, the WABA the token reaches. */
    public IssuedCode issueCode(SignupOptions options) {
        return issueCode(null, options);
    }

    /** Like {@link #issueCode(SignupOptions)}, for the Embedded Signup of a further app ({@link #addApp}); null: the default app. */
    public IssuedCode issueCode(String appId, SignupOptions options) {
        ObjectNode body = JSON.createObjectNode().put("age_ms", options.age().toMillis()).put("flow", options.flow().wireName())
                .put("token_reaches_other_waba", options.tokenReachesOtherWaba());
        if (options.scopes() != null) {
            body.put("scopes", options.scopes().wireName());
        }
        if (appId != null) {
            body.put("app_id", appId);
        }
        return IssuedCode.fromJson(call("POST", "codes", body));
    }

    /** The scope names debug_token lists for signups that do not choose theirs; {@link #reset()} restores the configured default. */
    public void defaultTokenScopes(TokenScopes scopes) {
        call("POST", "token-scopes", JSON.createObjectNode().put("scopes", scopes.wireName()));
    }

    /** A further Meta app of the partner: its own secret, System User token and credit line. */
    public void addApp(String appId, String appSecret, String systemUserToken, String creditLineId) {
        call("POST", "apps", JSON.createObjectNode().put("app_id", appId).put("app_secret", appSecret)
                .put("system_user_token", systemUserToken).put("credit_line_id", creditLineId));
    }

    /** A channel at 360Dialog: {@code has_api_key}, and {@code webhook} as its current key set it (null: none). */
    public JsonNode channel(String channelId) {
        return call("GET", "channel?id=" + encode(channelId), null);
    }

    public int count(String operation, String target) {
        return calls(operation, target).size();
    }

    public int count(String operation) {
        return calls(operation, null).size();
    }

    /** The calls of an operation (optionally on one target), with the authorization each carried. */
    public List<JsonNode> calls(String operation, String target) {
        String query = "?operation=" + encode(operation) + (target == null ? "" : "&target=" + encode(target));
        List<JsonNode> list = new ArrayList<>();
        call("GET", "calls" + query, null).path("calls").forEach(list::add);
        return list;
    }

    /** Per operation: {@code calls}, {@code targets}, {@code max_per_target}. */
    public JsonNode summary() {
        return call("GET", "summary", null);
    }

    private JsonNode call(String method, String action, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl + action));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("emulator " + action + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("emulator " + action + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package com.bsp.onboarding.testing.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emulates the parts of Meta's Graph API and 360Dialog's Partner and messaging APIs that provisioning
 * calls, with state per WABA and channel, call counts and fault injection. One HTTP server serves all
 * three: Graph under {@code /v<version>/...}, the Partner API under {@code /api/v2/...}, the messaging
 * API under {@code /v1/configs/...}, and its own admin API under {@code /_emulator/...} (see
 * {@link EmulatorAdmin}).
 *
 * <p>Formats follow {@code shared/reference/onboarding-apis.md}. Where Meta documents no response shape
 * (allocation lists), the emulator picks a plausible one and the client reads it tolerantly.
 */
public final class ProviderEmulator implements AutoCloseable {

    public static final String APP_ID = "emulated-app";
    public static final String CREDIT_LINE_ID = "credit-line-1";
    static final int REGISTRATION_LIMIT = 10;
    static final Duration REGISTRATION_WINDOW = Duration.ofHours(72);

    private static final Pattern GRAPH = Pattern.compile("^/v\\d+\\.\\d+/([^/]+)(?:/([^/]+))?/?$");
    private static final Pattern API_KEYS = Pattern.compile("^/api/v2/partners/([^/]+)/channels/([^/]+)/api_keys/?$");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    /** One call as the emulator saw it (tests assert on counts and on which token was used). */
    public record Call(String operation, String target, String authorization, String query, String body, Instant at) {
    }

    /** A fault for the next {@code times} calls of an operation ("*" = any), or for a share of them. */
    record Fault(String operation, AtomicLong remaining, double rate, int httpStatus, Integer code, Integer subcode,
            boolean drop) {
    }

    record Allocation(String id, String creditLineId, String wabaId, String fundingId) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile Duration latency = Duration.ZERO;
    private final Map<String, Duration> latencyByOperation = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private final Set<String> subscribedWabas = ConcurrentHashMap.newKeySet();
    private final Map<String, Allocation> allocations = new ConcurrentHashMap<>();
    private final Map<String, String> businessByWaba = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> phonesByWaba = new ConcurrentHashMap<>();
    private final Set<String> registeredPhones = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Instant>> registrationsByPhone = new ConcurrentHashMap<>();
    private final Map<String, String> currentKeyByChannel = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> webhookByKey = new ConcurrentHashMap<>();

    private ProviderEmulator(HttpServer server, int threads) {
        this.server = server;
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "provider-emulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free port (0) or the given one. */
    public static ProviderEmulator start(int port) {
        try {
            return new ProviderEmulator(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024), 256);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the provider emulator on port " + port, e);
        }
    }

    /** {@code java -cp test-support.jar:... ProviderEmulator [port] [latency-ms]}: for benchmarks and the local stack. */
    public static void main(String[] args) throws InterruptedException {
        ProviderEmulator emulator = start(args.length > 0 ? Integer.parseInt(args[0]) : 8099);
        if (args.length > 1) {
            emulator.latency = Duration.ofMillis(Long.parseLong(args[1]));
        }
        System.out.println("Provider emulator on " + emulator.baseUrl() + " (latency " + emulator.latency.toMillis() + " ms)");
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        Thread.currentThread().join();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- requests --------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            byte[] body = readBody(exchange.getRequestBody());
            if (path.startsWith("/_emulator/")) {
                admin(exchange, method, path.substring("/_emulator/".length()), body);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Route route = route(method, path, query);
            if (route == null) {
                graphError(exchange, 400, 100, null, "Unsupported " + method + " request " + path);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst(route.dialog360 ? route.authHeader : "Authorization");
            calls.add(new Call(route.operation, route.target, authorization, exchange.getRequestURI().getRawQuery(),
                    new String(body, StandardCharsets.UTF_8), Instant.now()));
            pause(latencyByOperation.getOrDefault(route.operation, latency));
            Fault fault = fault(route.operation);
            if (fault != null) {
                if (fault.drop()) {
                    exchange.getResponseBody().close();
                    return;
                }
                graphError(exchange, fault.httpStatus(), fault.code(), fault.subcode(), "Injected fault");
                return;
            }
            if (authorization == null || authorization.isBlank()) {
                if (route.dialog360) {
                    send(exchange, 401, json.createObjectNode().put("detail", "missing " + route.authHeader));
                } else {
                    graphError(exchange, 400, 190, null, "An access token is required to request this resource.");
                }
                return;
            }
            route.handler.handle(exchange, query, body);
        } catch (RuntimeException e) {
            send(exchange, 500, json.createObjectNode().put("error", String.valueOf(e)));
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange, Map<String, String> query, byte[] body) throws IOException;
    }

    private record Route(String operation, String target, boolean dialog360, String authHeader, Handler handler) {
    }

    private Route route(String method, String path, Map<String, String> query) {
        Matcher keys = API_KEYS.matcher(path);
        if (keys.matches() && method.equals("POST")) {
            String channel = keys.group(2);
            return new Route("create_api_key", channel, true, "X-API-Key", (ex, q, b) -> createApiKey(ex, channel));
        }
        if (path.equals("/v1/configs/webhook")) {
            return new Route(method.equals("POST") ? "set_webhook" : "read_webhook", null, true, "D360-API-KEY",
                    (ex, q, b) -> webhook(ex, method, b));
        }
        Matcher graph = GRAPH.matcher(path);
        if (!graph.matches()) {
            return null;
        }
        String id = graph.group(1);
        String edge = graph.group(2);
        if (edge == null) {
            if (method.equals("DELETE")) {
                return new Route("revoke_allocation", id, false, null, (ex, q, b) -> revokeAllocation(ex, id));
            }
            if (method.equals("GET") && allocations.containsKey(id)) {
                return new Route("read_allocation", id, false, null, (ex, q, b) -> readAllocation(ex, id));
            }
            return method.equals("GET") ? new Route("read_waba", id, false, null, (ex, q, b) -> readWaba(ex, id, q)) : null;
        }
        return switch (method + " " + edge) {
            case "POST subscribed_apps" -> new Route("subscribe_app", id, false, null, (ex, q, b) -> subscribe(ex, id));
            case "GET subscribed_apps" -> new Route("list_subscribed_apps", id, false, null, (ex, q, b) -> subscribedApps(ex, id));
            case "GET extendedcredits" -> new Route("read_credit_lines", id, false, null, (ex, q, b) -> creditLines(ex));
            case "POST whatsapp_credit_sharing_and_attach" -> new Route("share_credit_line", query.get("waba_id"), false, null,
                    (ex, q, b) -> shareCreditLine(ex, id, q));
            case "GET owning_credit_allocation_configs" -> new Route("list_allocations", id, false, null,
                    (ex, q, b) -> listAllocations(ex, id, q));
            case "GET phone_numbers" -> new Route("list_phone_numbers", id, false, null, (ex, q, b) -> phoneNumbers(ex, id));
            case "POST register" -> new Route("register", id, false, null, (ex, q, b) -> register(ex, id, b));
            default -> null;
        };
    }

    private void subscribe(HttpExchange exchange, String waba) throws IOException {
        subscribedWabas.add(waba);
        send(exchange, 200, json.createObjectNode().put("success", true));
    }

    private void subscribedApps(HttpExchange exchange, String waba) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode data = body.putArray("data");
        if (subscribedWabas.contains(waba)) {
            data.addObject().putObject("whatsapp_business_api_data").put("id", APP_ID).put("name", "Emulated app");
        }
        send(exchange, 200, body);
    }

    private void creditLines(HttpExchange exchange) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.putArray("data").addObject().put("id", CREDIT_LINE_ID).put("legal_entity_name", "Emulated partner");
        send(exchange, 200, body);
    }

    private void shareCreditLine(HttpExchange exchange, String creditLine, Map<String, String> query) throws IOException {
        String waba = query.get("waba_id");
        String currency = query.get("waba_currency");
        if (waba == null || currency == null || !Set.of("AUD", "EUR", "GBP", "IDR", "INR", "USD").contains(currency)) {
            graphError(exchange, 400, 100, null, "(#100) waba_id and a supported waba_currency are required");
            return;
        }
        boolean attached = allocations.values().stream().anyMatch(a -> a.wabaId().equals(waba));
        if (attached) {
            graphError(exchange, 400, 100, 2388096, "A credit line is already attached to this WhatsApp Business Account");
            return;
        }
        Allocation allocation = new Allocation("alloc-" + ids.incrementAndGet(), creditLine, waba, "funding-" + ids.incrementAndGet());
        allocations.put(allocation.id(), allocation);
        send(exchange, 200, json.createObjectNode().put("allocation_config_id", allocation.id()).put("waba_id", waba));
    }

    private void readAllocation(HttpExchange exchange, String id) throws IOException {
        Allocation allocation = allocations.get(id);
        ObjectNode body = json.createObjectNode().put("id", id);
        body.putObject("receiving_credential").put("id", allocation.fundingId());
        send(exchange, 200, body);
    }

    private void listAllocations(HttpExchange exchange, String creditLine, Map<String, String> query) throws IOException {
        String business = query.get("receiving_business_id");
        ObjectNode body = json.createObjectNode();
        ArrayNode data = body.putArray("data");
        allocations.values().stream()
                .filter(a -> a.creditLineId().equals(creditLine))
                .filter(a -> business == null || !businessByWaba.containsKey(a.wabaId()) || business.equals(businessByWaba.get(a.wabaId())))
                .forEach(a -> {
                    ObjectNode item = data.addObject().put("id", a.id());
                    item.putObject("receiving_credential").put("id", a.fundingId());
                });
        send(exchange, 200, body);
    }

    private void revokeAllocation(HttpExchange exchange, String id) throws IOException {
        if (allocations.remove(id) == null) {
            graphError(exchange, 400, 100, 33, "Unsupported delete request. Object with ID '" + id + "' does not exist");
            return;
        }
        send(exchange, 200, json.createObjectNode().put("success", true));
    }

    private void readWaba(HttpExchange exchange, String waba, Map<String, String> query) throws IOException {
        ObjectNode body = json.createObjectNode().put("id", waba);
        String fields = query.getOrDefault("fields", "");
        if (fields.contains("primary_funding_id")) {
            allocations.values().stream().filter(a -> a.wabaId().equals(waba)).findFirst()
                    .ifPresent(a -> body.put("primary_funding_id", a.fundingId()));
        }
        if (fields.contains("message_template_namespace")) {
            body.put("message_template_namespace", "ns_" + waba.replaceAll("[^A-Za-z0-9]", "_"));
        }
        send(exchange, 200, body);
    }

    private void phoneNumbers(HttpExchange exchange, String waba) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (String phone : phonesByWaba.getOrDefault(waba, Set.of())) {
            boolean registered = registeredPhones.contains(phone);
            data.addObject().put("id", phone).put("display_phone_number", "+1 555 0100")
                    .put("platform_type", registered ? "CLOUD_API" : "NOT_APPLICABLE")
                    .put("status", registered ? "CONNECTED" : "PENDING");
        }
        send(exchange, 200, body);
    }

    private void register(HttpExchange exchange, String phone, byte[] raw) throws IOException {
        JsonNode body = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
        if (!"whatsapp".equals(body.path("messaging_product").asText()) || !SIX_DIGITS.matcher(body.path("pin").asText()).matches()) {
            graphError(exchange, 400, 100, null, "(#100) messaging_product 'whatsapp' and a 6-digit pin are required");
            return;
        }
        Deque<Instant> recent = registrationsByPhone.computeIfAbsent(phone, p -> new ArrayDeque<>());
        synchronized (recent) {
            Instant now = Instant.now();
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(REGISTRATION_WINDOW))) {
                recent.removeFirst();
            }
            if (recent.size() >= REGISTRATION_LIMIT) {
                graphError(exchange, 400, 133016, null, "Account register deregister rate limit exceeded");
                return;
            }
            recent.addLast(now);
        }
        registeredPhones.add(phone);
        send(exchange, 200, json.createObjectNode().put("success", true));
    }

    private void createApiKey(HttpExchange exchange, String channel) throws IOException {
        String key = "emulated-key-" + channel + "-" + ids.incrementAndGet();
        String previous = currentKeyByChannel.put(channel, key);
        if (previous != null) {
            webhookByKey.remove(previous);
        }
        ObjectNode item = json.createObjectNode().put("id", "key-" + ids.get()).put("api_key", key)
                .put("address", "https://waba-v2.360dialog.io").put("app_id", "app-" + channel);
        ObjectNode body = json.createObjectNode();
        body.putArray("api_keys").add(item);
        send(exchange, 201, body);
    }

    private void webhook(HttpExchange exchange, String method, byte[] raw) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("D360-API-KEY");
        if (!currentKeyByChannel.containsValue(key)) {
            send(exchange, 401, json.createObjectNode().put("detail", "Invalid D360-API-KEY"));
            return;
        }
        if (method.equals("POST")) {
            JsonNode config = json.readTree(raw);
            if (!config.path("url").isTextual()) {
                send(exchange, 400, json.createObjectNode().put("detail", "url is required"));
                return;
            }
            webhookByKey.put(key, config);
            send(exchange, 200, config);
        } else {
            send(exchange, 200, webhookByKey.getOrDefault(key, json.createObjectNode()));
        }
    }

    // --- admin API (tests, benchmarks, the sandbox) ---------------------------------------------

    private void admin(HttpExchange exchange, String method, String action, byte[] raw) throws IOException {
        JsonNode body = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        switch (method + " " + action) {
            case "GET calls" -> send(exchange, 200, callsOf(query.get("operation"), query.get("target")));
            case "GET summary" -> send(exchange, 200, summary());
            case "POST faults" -> {
                faults.add(new Fault(body.path("operation").asText("*"), new AtomicLong(body.path("times").asLong(-1)),
                        body.path("rate").asDouble(1.0), body.path("http_status").asInt(500),
                        body.hasNonNull("code") ? body.get("code").asInt() : null,
                        body.hasNonNull("subcode") ? body.get("subcode").asInt() : null, body.path("drop").asBoolean(false)));
                send(exchange, 204, null);
            }
            case "DELETE faults" -> {
                faults.clear();
                send(exchange, 204, null);
            }
            case "POST latency" -> {
                Duration delay = Duration.ofMillis(body.path("millis").asLong());
                if (body.hasNonNull("operation")) {
                    latencyByOperation.put(body.get("operation").asText(), delay);
                } else {
                    latency = delay;
                }
                send(exchange, 204, null);
            }
            case "POST seed" -> {
                String waba = body.path("waba_id").asText();
                if (body.hasNonNull("business_id")) {
                    businessByWaba.put(waba, body.get("business_id").asText());
                }
                if (body.hasNonNull("phone_number_id")) {
                    String phone = body.get("phone_number_id").asText();
                    phonesByWaba.computeIfAbsent(waba, w -> ConcurrentHashMap.newKeySet()).add(phone);
                    if (body.path("registered").asBoolean(false)) {
                        registeredPhones.add(phone);
                    }
                }
                send(exchange, 204, null);
            }
            case "POST reset" -> {
                reset();
                send(exchange, 204, null);
            }
            default -> send(exchange, 404, json.createObjectNode().put("detail", "no admin action " + method + " " + action));
        }
    }

    private void reset() {
        calls.clear();
        faults.clear();
        latency = Duration.ZERO;
        latencyByOperation.clear();
        subscribedWabas.clear();
        allocations.clear();
        businessByWaba.clear();
        phonesByWaba.clear();
        registeredPhones.clear();
        registrationsByPhone.clear();
        currentKeyByChannel.clear();
        webhookByKey.clear();
    }

    private ObjectNode callsOf(String operation, String target) {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("calls");
        for (Call call : calls) {
            if ((operation == null || operation.equals(call.operation())) && (target == null || target.equals(call.target()))) {
                list.addObject().put("operation", call.operation()).put("target", call.target())
                        .put("authorization", call.authorization()).put("query", call.query()).put("body", call.body())
                        .put("at", call.at().toString());
            }
        }
        body.put("count", list.size());
        return body;
    }

    /** Per operation: calls, distinct targets and the most calls one target got (1 = exactly once each). */
    private ObjectNode summary() {
        Map<String, Map<String, Integer>> byOperation = new HashMap<>();
        for (Call call : calls) {
            byOperation.computeIfAbsent(call.operation(), o -> new HashMap<>()).merge(String.valueOf(call.target()), 1, Integer::sum);
        }
        ObjectNode body = json.createObjectNode();
        byOperation.forEach((operation, targets) -> body.putObject(operation)
                .put("calls", targets.values().stream().mapToInt(Integer::intValue).sum())
                .put("targets", targets.size())
                .put("max_per_target", targets.values().stream().mapToInt(Integer::intValue).max().orElse(0)));
        return body;
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Fault fault(String operation) {
        for (Fault fault : faults) {
            if (!fault.operation().equals("*") && !fault.operation().equals(operation)) {
                continue;
            }
            if (fault.rate() < 1.0 && ThreadLocalRandom.current().nextDouble() >= fault.rate()) {
                continue;
            }
            long left = fault.remaining().get();
            if (left == 0) {
                continue;
            }
            if (left < 0 || fault.remaining().compareAndSet(left, left - 1)) {
                return fault;
            }
        }
        return null;
    }

    private static void pause(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void graphError(HttpExchange exchange, int status, Integer code, Integer subcode, String message) throws IOException {
        ObjectNode error = json.createObjectNode();
        ObjectNode inner = error.putObject("error").put("message", message).put("type", "OAuthException")
                .put("fbtrace_id", "Emu" + Long.toHexString(ids.incrementAndGet()));
        if (code != null) {
            inner.put("code", code);
        }
        if (subcode != null) {
            inner.put("error_subcode", subcode);
        }
        send(exchange, status, error);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static Map<String, String> query(String raw) {
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

package com.bsp.onboarding.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated requests against every public endpoint of the running services: malformed and truncated
 * JSON, wrongly typed and huge fields, deep nesting, binary bodies, wrong content types and methods, odd path
 * parameters, missing, wrong and malformed credentials and signatures. None may be answered with a 5xx (an
 * unhandled input), and no webhook without a valid signature may be accepted (200 means "stored in Kafka").
 *
 * <p>The generator is seeded ({@code -Dfuzz.seed}, printed on failure) so a failing run can be repeated, and sized by
 * {@code -Dfuzz.requests}.
 */
class FuzzingPublicEndpointsIT {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);
    /** Outcome statuses of requests without an answer: the connection closed mid-request, or no answer in time. */
    private static final int RESET = -1;
    private static final int HUNG = -2;
    private static final Set<String> WEBHOOK_ROUTES = Set.of("meta", "meta-app", "360dialog", "360dialog-channel");

    private static Stack stack;
    private static HttpClient http;

    /** One public endpoint: how to build its URL from generated path parameters, and what credentials it takes. */
    private record Endpoint(String name, String service, String method, Function<Random, String> path) {
    }

    private record Outcome(String endpoint, String method, String contentType, int status, String bodySample) {
    }

    @BeforeAll
    static void startStack() throws InterruptedException {
        stack = Stack.get();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopClient() {
        http = null;
    }

    @Test
    void noGeneratedRequestGetsA5xxOrAnAcceptedForgery() throws Exception {
        Random random = new Random(SEED);
        List<Endpoint> endpoints = endpoints();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            HttpRequest request = request(endpoint, random);
            inFlight.acquire();
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        inFlight.release();
                        String type = request.headers().firstValue("Content-Type").orElse("-");
                        if (failure != null) {
                            // A refusal before the body is read (413, 429, 401 from the headers) closes the connection
                            // while the body is still being sent: a reset is fine. No answer in time is not.
                            boolean hung = failure instanceof HttpTimeoutException || failure.getCause() instanceof HttpTimeoutException;
                            return new Outcome(endpoint.name(), request.method(), type, hung ? HUNG : RESET, String.valueOf(failure));
                        }
                        String body = response.body() == null ? "" : response.body();
                        return new Outcome(endpoint.name(), request.method(), type, response.statusCode(),
                                body.substring(0, Math.min(200, body.length())));
                    }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();

        Map<String, AtomicInteger> byStatus = new TreeMap<>();
        List<Outcome> serverErrors = new ArrayList<>();
        List<Outcome> forgeries = new ArrayList<>();
        List<Outcome> hung = new ArrayList<>();
        for (CompletableFuture<Outcome> future : sent) {
            Outcome outcome = future.join();
            byStatus.computeIfAbsent(outcome.endpoint() + " " + outcome.status(), k -> new AtomicInteger()).incrementAndGet();
            if (outcome.status() >= 500) {
                serverErrors.add(outcome);
            }
            if (outcome.status() == HUNG) {
                hung.add(outcome);
            }
            if (WEBHOOK_ROUTES.contains(outcome.endpoint()) && outcome.status() == 200 && "POST".equals(outcome.method())) {
                forgeries.add(outcome);
            }
        }
        String summary = "seed " + SEED + ", " + REQUESTS + " requests: " + byStatus;
        System.out.println("[fuzz] " + summary);
        assertEquals(List.of(), serverErrors.stream().limit(10).toList(), "no 5xx; " + summary);
        assertEquals(List.of(), forgeries.stream().limit(10).toList(), "no unsigned or wrongly signed webhook stored; " + summary);
        assertEquals(List.of(), hung.stream().limit(10).toList(), "every request answered within 20 s; " + summary);
    }

    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("links", "link", "POST", r -> "/v1/links"),
                new Endpoint("link", "link", "GET", r -> "/v1/links/" + pathParam(r)),
                new Endpoint("io-callback", "link", "GET", r -> "/io/callback?" + callbackQuery(r)),
                new Endpoint("meta-verify", "ingest", "GET", r -> "/webhooks/meta?hub.mode=" + word(r) + "&hub.verify_token="
                        + word(r) + "&hub.challenge=" + word(r)),
                new Endpoint("meta", "ingest", "POST", r -> "/webhooks/meta"),
                new Endpoint("meta-app", "ingest", "POST", r -> "/webhooks/meta/" + (r.nextBoolean() ? Stack.APP_ID : pathParam(r))),
                new Endpoint("360dialog", "ingest", "POST", r -> "/webhooks/360dialog/" + (r.nextBoolean() ? Stack.PARTNER_ID : pathParam(r))),
                new Endpoint("360dialog-channel", "ingest", "POST", r -> "/webhooks/360dialog/"
                        + (r.nextBoolean() ? Stack.PARTNER_ID : pathParam(r)) + "/channels/" + pathParam(r)),
                new Endpoint("signups", "token", "POST", r -> "/v1/signups"),
                new Endpoint("signup", "token", "GET", r -> "/v1/signups/" + pathParam(r)),
                new Endpoint("sessions", "token", "POST", r -> "/v1/signup-sessions"),
                new Endpoint("session", "token", "GET", r -> "/v1/signup-sessions/" + pathParam(r)),
                new Endpoint("page", "token", "GET", r -> "/signup/" + pathParam(r)),
                new Endpoint("page-complete", "token", "POST", r -> "/signup/" + pathParam(r) + "/complete"),
                new Endpoint("page-events", "token", "POST", r -> "/signup/" + pathParam(r) + "/events"));
    }

    private static HttpRequest request(Endpoint endpoint, Random r) {
        String base = switch (endpoint.service()) {
            case "link" -> stack.linkService.baseUrl();
            case "ingest" -> stack.webhookIngest.baseUrl();
            default -> stack.tokenService.baseUrl();
        };
        // Mostly the endpoint's own method; sometimes another, which must be a clean 405 or 404.
        String method = r.nextInt(10) == 0 ? List.of("GET", "POST", "PUT", "DELETE", "PATCH").get(r.nextInt(5)) : endpoint.method();
        byte[] body = "GET".equals(method) || "DELETE".equals(method) ? new byte[0] : body(r);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + endpoint.path().apply(r)))
                .timeout(Duration.ofSeconds(20))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = List.of("application/json", "application/json; charset=utf-8", "text/plain", "application/xml",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/problem+json", "garbage/\u00e9",
                "").get(r.nextInt(9));
        if (!contentType.isEmpty() && contentType.chars().allMatch(c -> c < 128)) {
            builder.header("Content-Type", contentType);
        }
        String key = List.of(Stack.API_KEY, Stack.API_KEY, "wrong-key", "", word(r)).get(r.nextInt(5));
        if (!key.isEmpty()) {
            builder.header("X-API-Key", key).header("Authorization", "Bearer " + key);
        }
        builder.header("X-Hub-Signature-256", signature(r)).header("x-360dialog-signature", signature(r).replace("sha256=", ""))
                .header("X-Channel-Auth", r.nextBoolean() ? word(r) : Stack.CHANNEL_AUTH + "x");
        return builder.build();
    }

    /** Never a valid signature: missing, malformed, or a well-formed MAC under a wrong key. */
    private static String signature(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "";
            case 1 -> "sha256=" + "zz".repeat(32);
            case 2 -> "sha256=" + HexFormat.of().formatHex(bytes(r, 32));
            default -> word(r);
        };
    }

    private static byte[] body(Random r) {
        String json = switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "{\"code\": " + r.nextLong() + ", \"waba_id\": [1,2,3], \"email\": {\"a\": null}}";
            case 3 -> "{\"email\":\"" + "x".repeat(100_000 + r.nextInt(400_000)) + "@example.com\"}";
            case 4 -> "[".repeat(5_000) + "]".repeat(5_000);
            case 5 -> "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + word(r) + "\",\"changes\":[{\"field\":"
                    + "\"account_update\",\"value\":{\"event\":\"PARTNER_REMOVED\",\"waba_info\":{\"waba_id\":\"" + word(r) + "\"}}}]}]}";
            case 6 -> "{\"event\":\"channel_running\",\"data\":{\"id\":\"" + word(r) + "\",\"client_id\":\"" + word(r) + "\"}}";
            case 7 -> "{\"code\":\"" + word(r) + "\",\"waba_id\":\"" + word(r) + "\",\"phone_number_id\":\"" + word(r)
                    + "\",\"business_id\":\"" + word(r) + "\",\"finish_type\":\"" + word(r) + "\"}";
            case 8 -> "{\"type\":\"WA_EMBEDDED_SIGNUP\",\"event\":\"" + word(r) + "\",\"data\":{\"current_step\":\"" + word(r)
                    + "\",\"error_code\":" + r.nextInt() + "}}";
            case 9 -> "{\"customer_reference\":" + r.nextDouble() + ",\"redirect_url\":\"javascript:alert(1)\",\"flow\":\"\\u0000\","
                    + "\"prefill\":{\"business\":{\"name\":\"" + "\u00e9\u4e2d".repeat(1000) + "\"}},\"unknown\":true}";
            case 10 -> "{\"email\":\"owner@shop.example\",\"redirect_url\":\"https://evil.example/x\",\"popup_origin\":\"" + word(r)
                    + "\",\"state\":\"" + "s".repeat(r.nextInt(5000)) + "\",\"kind\":\"" + word(r) + "\"}";
            default -> null;
        };
        return json == null ? bytes(r, r.nextInt(4096)) : json.getBytes(StandardCharsets.UTF_8);
    }

    private static String callbackQuery(Random r) {
        String channels = r.nextBoolean() ? "[" + word(r) + "," + word(r) + "]" : word(r);
        return "client=" + encode(word(r)) + "&channels=" + encode(channels) + (r.nextBoolean() ? "&revoked=" + encode("[" + word(r) + "]") : "")
                + "&state=" + encode(r.nextInt(5) == 0 ? "s".repeat(10_000) : word(r));
    }

    private static String pathParam(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> java.util.UUID.randomUUID().toString();
            case 1 -> encode("x".repeat(2000));
            case 2 -> "%00";
            case 3 -> encode("../../etc/passwd");
            case 4 -> encode("\u00e9\u4e2d' OR 1=1 --");
            default -> word(r);
        };
    }

    /** A short printable token, sometimes with characters that need encoding. */
    private static String word(Random r) {
        String alphabet = "abcXYZ019-_.~%+ &=?/#\"'<>\\";
        StringBuilder word = new StringBuilder();
        int length = 1 + r.nextInt(24);
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(r.nextInt(r.nextInt(4) == 0 ? alphabet.length() : 14)));
        }
        return encode(word.toString());
    }

    private static byte[] bytes(Random r, int length) {
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        return bytes;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

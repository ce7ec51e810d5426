package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a {@link ProviderCore} over the JDK's HTTP server, for tests and benchmarks: Graph under
 * {@code /v<version>/...}, the Partner API under {@code /api/v2/...}, the messaging API under
 * {@code /v1/configs/...}, and the admin API under {@code /_emulator/...} (see {@link EmulatorAdmin}).
 *
 * <p>Each exchange has a thread of its own (a pool of 256), so latency is simply slept; the sandbox's
 * Vert.x transport waits on timers instead.
 */
public final class ProviderEmulator implements AutoCloseable {

    public static final String APP_ID = "emulated-app";
    public static final String CREDIT_LINE_ID = "credit-line-1";
    static final String ADMIN_PREFIX = "/_emulator/";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final ProviderCore core;
    private final EmulatorAdminActions admin;

    private ProviderEmulator(HttpServer server, int threads, ProviderCore core) {
        this.server = server;
        this.core = core;
        this.admin = new EmulatorAdminActions(core);
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
        return start(port, ProviderSettings.defaults());
    }

    /** Starts with another app, secret or code lifetime than {@link ProviderSettings#defaults()}. */
    public static ProviderEmulator start(int port, ProviderSettings settings) {
        try {
            return new ProviderEmulator(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024), 256,
                    new ProviderCore(settings));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the provider emulator on port " + port, e);
        }
    }

    /** {@code java -cp provider-emulator.jar:jackson... com.bsp.onboarding.emulator.ProviderEmulator [port] [latency-ms]}: a standalone emulator for benchmarks. */
    public static void main(String[] args) throws InterruptedException {
        ProviderEmulator emulator = start(args.length > 0 ? Integer.parseInt(args[0]) : 8099);
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 0;
        emulator.core.latency(null, Duration.ofMillis(latency));
        System.out.println("Provider emulator on " + emulator.baseUrl() + " (latency " + latency + " ms)");
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        Thread.currentThread().join();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The emulated providers themselves, e.g. to issue Embedded Signup codes in a test. */
    public ProviderCore core() {
        return core;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith(ADMIN_PREFIX)) {
                send(exchange, admin.handle(method, path.substring(ADMIN_PREFIX.length()), rawQuery, body));
                return;
            }
            PendingResponse pending = core.handle(new ProviderRequest(method, path, rawQuery, headers(exchange), body));
            pause(pending.latency());
            send(exchange, pending.complete());
        } catch (RuntimeException e) {
            send(exchange, ProviderResponse.json(500, json.createObjectNode().put("error", String.valueOf(e))));
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                headers.put(header.getKey(), header.getValue().get(0));
            }
        }
        return headers;
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

    private void send(HttpExchange exchange, ProviderResponse response) throws IOException {
        if (response.drop()) {
            // Closing the body before any header was sent ends the exchange without an answer.
            exchange.getResponseBody().close();
            return;
        }
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

package com.bsp.onboarding.testing.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A partner's webhook receiver on 127.0.0.1: records every request and answers as the test says (a status,
 * a redirect, or never). Each request has its own thread, so a hanging answer holds only itself. The headers are
 * kept as {@link HttpHeaders}, which is what the Standard Webhooks reference verifier takes with the raw body.
 */
public final class Receiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String webhookId, String timestamp, String signature, String body, HttpHeaders headers,
            int number) {
    }

    /** How to answer the n-th request (1-based): a status, or 0 to never answer. */
    public interface Answering extends Function<Received, Integer> {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Answering answering;
    private volatile String location;

    private Receiver(Answering answering) throws IOException {
        this.answering = answering;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Receiver answering(Answering answering) {
        try {
            return new Receiver(answering);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Receiver ok() {
        return answering(r -> 200);
    }

    /** Never answers (until closed). */
    public static Receiver hanging() {
        return answering(r -> 0);
    }

    public Receiver redirectingTo(String location) {
        this.location = location;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks?token=hub-own-secret";
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<String> webhookIds() {
        return received.stream().map(Received::webhookId).toList();
    }

    /**
     * Each webhook-id's first request, in the order they arrived: what a partner that drops repeats (delivery is at
     * least once) processes.
     */
    public List<Received> firstArrivals() {
        Map<String, Received> first = new java.util.LinkedHashMap<>();
        for (Received request : received) {
            first.putIfAbsent(request.webhookId(), request);
        }
        return new ArrayList<>(first.values());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        Received request = new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"), body,
                HttpHeaders.of(headers, (a, b) -> true), count.incrementAndGet());
        received.add(request);
        int status = answering.apply(request);
        if (status == 0) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
        }
        byte[] answer = ("{\"answer\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

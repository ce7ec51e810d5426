package com.bsp.onboarding.partnerwebhooks.support;

import com.standardwebhooks.Webhook;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A partner's webhook receiver on 127.0.0.1: answers 200 (after {@code delayMillis}), counts each webhook-id
 * and remembers when it first arrived. {@link #verify} checks a delivery with the Standard Webhooks reference
 * verifier, as a partner would.
 */
public final class RecordingReceiver implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, AtomicInteger> arrivalsById = new ConcurrentHashMap<>();
    private final List<Long> firstArrivalNanos = Collections.synchronizedList(new ArrayList<>());
    private volatile BiConsumer<MultiMap, Buffer> onFirstArrival = (headers, body) -> {
    };

    public RecordingReceiver(long delayMillis) {
        try {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                long now = System.nanoTime();
                String id = String.valueOf(request.getHeader("webhook-id"));
                if (arrivalsById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
                    firstArrivalNanos.add(now);
                    onFirstArrival.accept(request.headers(), body);
                }
                if (delayMillis > 0) {
                    vertx.setTimer(delayMillis, t -> request.response().setStatusCode(200).end());
                } else {
                    request.response().setStatusCode(200).end();
                }
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Receiver did not start", e);
        }
    }

    /** Called on the receiver's event loop for each webhook-id's first arrival. */
    public RecordingReceiver onFirstArrival(BiConsumer<MultiMap, Buffer> handler) {
        this.onFirstArrival = handler;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** How many distinct webhook-ids arrived. */
    public int distinct() {
        return firstArrivalNanos.size();
    }

    public Map<String, AtomicInteger> arrivalsById() {
        return arrivalsById;
    }

    /** First-arrival times (System.nanoTime) from index {@code from} on, sorted. */
    public long[] firstArrivalsSince(int from) {
        synchronized (firstArrivalNanos) {
            return firstArrivalNanos.subList(from, firstArrivalNanos.size()).stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    /** @throws com.standardwebhooks.exceptions.WebhookVerificationException when the signature does not hold */
    public static void verify(String secret, MultiMap headers, Buffer body) throws Exception {
        Map<String, List<String>> map = new HashMap<>();
        headers.forEach(h -> map.computeIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(h.getValue()));
        new Webhook(secret).verify(body.toString(), HttpHeaders.of(map, (a, b) -> true));
    }

    @Override
    public void close() {
        server.close();
        vertx.close();
    }
}

package com.bsp.onboarding.partnerwebhooks.delivery;

import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import com.bsp.onboarding.partnerwebhooks.signing.WebhookSigner;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One POST of a signed message: Vert.x HttpClient with kept-alive pooled connections, no redirect
 * followed (a 3xx is an answer like any other non-2xx), a deadline over the whole exchange, and at most
 * max-answer-bytes of the answer read (the connection is dropped beyond that).
 */
final class DeliverySender {

    /** What came back: a status and the start of the answer, or the reason there was none. */
    record Answer(Integer status, String snippet, String error) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final long timeoutMillis;
    private final int maxAnswerBytes;
    private final String userAgent;

    DeliverySender(Vertx vertx, PartnerWebhooksConfig.DeliveryConfig config) {
        this.vertx = vertx;
        this.timeoutMillis = config.requestTimeout().toMillis();
        this.maxAnswerBytes = config.maxAnswerBytes();
        this.userAgent = config.userAgent();
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxRedirects(0)
                .setTryUseCompression(false)
                .setVerifyHost(true)
                .setForceSni(true)
                .setIdleTimeout(0);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.connectionPoolSizePerHost())
                .setMaxWaitQueueSize(-1);
        this.client = vertx.createHttpClient(options, pool);
    }

    /**
     * @param address the checked address to connect to; null lets the client resolve the URL's host
     *        (only when private addresses are allowed)
     */
    Future<Answer> send(URI url, InetAddress address, String messageId, String payload, List<byte[]> keys) {
        long timestamp = System.currentTimeMillis() / 1000;
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url.toString())
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", userAgent)
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSigner.signatureHeader(messageId, timestamp, payload, keys));
        if (address != null) {
            // Connect where the guard looked; Host and SNI still come from the URL.
            request.setServer(SocketAddress.inetSocketAddress(port(url), address.getHostAddress()));
        }
        Promise<Answer> answer = Promise.promise();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (answer.tryComplete(new Answer(null, null, "timeout after " + timeoutMillis + " ms")) && sent[0] != null) {
                sent[0].reset();
            }
        });
        client.request(request).onFailure(e -> fail(answer, e)).onSuccess(req -> {
            sent[0] = req;
            if (answer.future().isComplete()) {
                req.reset();
                return;
            }
            req.send(Buffer.buffer(payload.getBytes(StandardCharsets.UTF_8))).onFailure(e -> fail(answer, e))
                    .onSuccess(response -> {
                        int status = response.statusCode();
                        Buffer read = Buffer.buffer(Math.min(maxAnswerBytes, 256));
                        response.handler(chunk -> {
                            int room = maxAnswerBytes - read.length();
                            if (room > 0) {
                                read.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
                            }
                            if (chunk.length() > room && answer.tryComplete(new Answer(status, snippet(read), null))) {
                                // The rest is not read: the connection goes rather than being drained.
                                req.reset();
                            }
                        });
                        response.exceptionHandler(e -> answer.tryComplete(new Answer(status, snippet(read), null)));
                        response.endHandler(v -> answer.tryComplete(new Answer(status, snippet(read), null)));
                    });
        });
        return answer.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    private static void fail(Promise<Answer> answer, Throwable e) {
        answer.tryComplete(new Answer(null, null, describe(e)));
    }

    /** A cause without the URL or anything it carries. */
    private static String describe(Throwable e) {
        String type = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException || type.contains("Connect")) {
            return "connection failed";
        }
        if (type.contains("Timeout")) {
            return "timeout";
        }
        if (type.contains("SSL") || type.contains("Ssl") || type.contains("Certificate")) {
            return "TLS handshake failed";
        }
        if (type.contains("Closed")) {
            return "connection closed before an answer";
        }
        return "request failed (" + type + ")";
    }

    private static String snippet(Buffer read) {
        return read.length() == 0 ? null : new String(read.getBytes(), StandardCharsets.UTF_8).replace("\u0000", "");
    }

    private static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    void close() {
        client.close();
    }
}

package com.bsp.onboarding.sandbox.support;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Stands in for webhook-ingest: a WireMock that answers 200 to every POST and keeps each request's raw
 * body, so tests can check the signatures over the exact bytes the sandbox sent.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    public static final String META_PATH = "/webhooks/meta";
    public static final String DIALOG360_PATH = "/webhooks/360dialog/demoPartner";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
        return Map.of("sandbox.meta.webhook-url", server.baseUrl() + META_PATH,
                "sandbox.hubs.demo.webhook-url", server.baseUrl() + DIALOG360_PATH);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The webhooks POSTed to {@code path} whose JSON body matches. */
    public static List<LoggedRequest> received(String path, Predicate<JsonNode> body) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path))).stream().filter(r -> body.test(json(r))).toList();
    }

    public static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

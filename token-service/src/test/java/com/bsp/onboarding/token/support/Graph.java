package com.bsp.onboarding.token.support;

import com.bsp.onboarding.emulator.EmulatorAdmin;
import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.emulator.SignupOptions;
import com.bsp.onboarding.testing.emulator.ProviderEmulatorResource;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Meta's side of a signup, played by the provider emulator: the codes customers bring from Embedded
 * Signup, what Graph saw of token-service's calls, and Graph's faults.
 */
public final class Graph {

    private Graph() {
    }

    /** The emulator's admin API, at the address its test resource published. */
    public static EmulatorAdmin emulator() {
        return new EmulatorAdmin(emulatorUrl());
    }

    /** A customer just finished Embedded Signup: the code of a fresh WABA, business and number. */
    public static IssuedCode signup() {
        return emulator().issueCode();
    }

    /** A customer just finished Embedded Signup as {@code options} say (its flow, its token's scopes, the WABA it reaches). */
    public static IssuedCode signup(SignupOptions options) {
        return emulator().issueCode(options);
    }

    /** How often token-service asked Graph to exchange this signup's code. */
    public static int exchangesOf(IssuedCode signup) {
        return emulator().count("exchange_code", signup.wabaId());
    }

    /**
     * The business token Graph gave for this signup's code, as token-service then showed it to debug_token
     * (with the System User token, {@code authorization}).
     */
    public static DebugTokenCall debugTokenCallOf(IssuedCode signup) {
        List<JsonNode> calls = emulator().calls("debug_token", signup.wabaId());
        if (calls.size() != 1) {
            throw new AssertionError("expected one debug_token call for WABA " + signup.wabaId() + ", got " + calls.size());
        }
        JsonNode call = calls.get(0);
        return new DebugTokenCall(queryParameter(call.path("query").asText(), "input_token"), call.path("authorization").asText());
    }

    public record DebugTokenCall(String businessToken, String authorization) {
    }

    /** Another client of the app exchanges the code first, so Meta has it marked used. */
    public static void exchangeElsewhere(IssuedCode signup) {
        String url = emulatorUrl() + "/v23.0/oauth/access_token?client_id=" + encode(property("token.graph.app-id"))
                + "&client_secret=" + encode(property("token.graph.app-secret")) + "&code=" + encode(signup.code());
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("the first exchange failed: HTTP " + answer.statusCode() + " " + answer.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String queryParameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + query);
    }

    private static String emulatorUrl() {
        return property(ProviderEmulatorResource.URL_PROPERTY);
    }

    private static String property(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

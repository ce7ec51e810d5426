package com.bsp.onboarding.link.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls of link-service's public HTTP surface, as a partner platform and a browser make them. */
public final class LinkApi {

    private LinkApi() {
    }

    public static ValidatableResponse issue(String apiKey, Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(body)
                .when().post("/v1/links").then();
    }

    public static ValidatableResponse get(String apiKey, String linkId) {
        return given().header("Authorization", "Bearer " + apiKey).when().get("/v1/links/{id}", linkId).then();
    }

    /** 360Dialog's redirect back, with its bracket lists exactly as 360Dialog writes them. */
    public static ValidatableResponse callback(String state, String client, String channels, String revoked) {
        var request = given().redirects().follow(false).urlEncodingEnabled(true);
        if (state != null) {
            request.queryParam("state", state);
        }
        if (client != null) {
            request.queryParam("client", client);
        }
        if (channels != null) {
            request.queryParam("channels", channels);
        }
        if (revoked != null) {
            request.queryParam("revoked", revoked);
        }
        return request.when().get("/io/callback").then();
    }

    /** The query of a URL, decoded, in order. */
    public static Map<String, String> queryOf(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}

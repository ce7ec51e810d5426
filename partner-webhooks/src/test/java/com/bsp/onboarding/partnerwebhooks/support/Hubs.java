package com.bsp.onboarding.partnerwebhooks.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** A hub's calls to the endpoint API. */
public final class Hubs {

    private Hubs() {
    }

    public static RequestSpecification as(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }

    /** A new endpoint taking every type: (id, secret). */
    public static Endpoint register(String apiKey, String url) {
        return register(apiKey, url, null);
    }

    public static Endpoint register(String apiKey, String url, List<String> types) {
        Map<String, Object> body = types == null ? Map.of("url", url) : Map.of("url", url, "event_types", types);
        JsonPath created = as(apiKey).body(body).post("/v1/endpoints").then().statusCode(201).extract().jsonPath();
        return new Endpoint(created.getString("id"), created.getString("secret"));
    }

    public record Endpoint(String id, String secret) {
    }
}

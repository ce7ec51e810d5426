package com.bsp.onboarding.link.limits;

import static io.restassured.RestAssured.given;

import com.bsp.onboarding.link.support.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestSizeLimitsTest {

    @Test
    void refusesALinkRequestBodyOverTheBodyLimit() {
        // The largest real request (every field at its maximum) is under 8 KB; the limit is 16 KB.
        String body = "{\"name\":\"" + "x".repeat(17 * 1024) + "\"}";
        given().header("X-API-Key", TestApiKeys.ALPHA).contentType(ContentType.JSON).body(body)
                .when().post("/v1/links").then().statusCode(413);
    }

    @Test
    void refusesARedirectWithMoreThanFiftyChannels() {
        String channels = IntStream.rangeClosed(1, 51).mapToObj(i -> "ch" + i).collect(Collectors.joining(",", "[", "]"));
        given().queryParam("state", "some-state").queryParam("client", "c1").queryParam("channels", channels)
                .when().get("/io/callback").then().statusCode(400);
        given().queryParam("state", "some-state").queryParam("client", "c1").queryParam("revoked", channels)
                .when().get("/io/callback").then().statusCode(400);
        // Fifty pass the parse (and meet the unknown state: 404).
        String fifty = IntStream.rangeClosed(1, 50).mapToObj(i -> "ch" + i).collect(Collectors.joining(",", "[", "]"));
        given().queryParam("state", "some-state").queryParam("client", "c1").queryParam("channels", fifty)
                .when().get("/io/callback").then().statusCode(404);
    }
}

package com.bsp.onboarding.link.links;

import static com.bsp.onboarding.link.support.LinkApi.issue;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.link.support.LinkServiceTestResources;
import com.bsp.onboarding.link.support.TestApiKeys;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RejectingInvalidLinkRequestsTest {

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("email", "not-an-email"),
                Arguments.of("email", "a@b"),
                Arguments.of("email", "x".repeat(250) + "@shop.example"),
                Arguments.of("name", "n".repeat(201)),
                Arguments.of("name", "   "),
                Arguments.of("number", "+4915112345678"),
                Arguments.of("number", "004915112345678"),
                Arguments.of("number", "49 151 1234"),
                Arguments.of("number", "49151abc"),
                Arguments.of("number", "12345"),
                Arguments.of("number", "1234567890123456"),
                Arguments.of("state", "s".repeat(513)),
                Arguments.of("state", "line\nbreak"),
                Arguments.of("partner", "p".repeat(513)),
                Arguments.of("next", "register"),
                Arguments.of("lang", "fr"),
                Arguments.of("lang", "EN"),
                Arguments.of("plan_selection", "gold"),
                Arguments.of("plan_selection", "basic"),
                Arguments.of("redirect_url", "http://app.partner.example/done"),
                Arguments.of("redirect_url", "https://evil.example/done"),
                Arguments.of("redirect_url", "https://alpha.example.evil.example/"),
                Arguments.of("redirect_url", "https://user:pw@app.partner.example/"),
                Arguments.of("redirect_url", "https://app.partner.example/#frag"),
                Arguments.of("redirect_url", "/relative/path"),
                Arguments.of("redirect_url", "https://app.partner.example/" + "x".repeat(2048)),
                Arguments.of("popup_origin", "*"),
                Arguments.of("popup_origin", "null"),
                Arguments.of("popup_origin", "http://app.partner.example"),
                Arguments.of("popup_origin", "https://evil.example"),
                Arguments.of("popup_origin", "https://app.partner.example/onboarding"),
                Arguments.of("popup_origin", "https://app.partner.example?x=1"),
                Arguments.of("popup_origin", "https://app.partner.example#frag"),
                Arguments.of("popup_origin", "https://user@app.partner.example"),
                Arguments.of("popup_origin", "http://localhost:3000"),
                Arguments.of("popup_origin", "javascript:alert(1)"),
                Arguments.of("popup_origin", "https://app.partner.example\"</script>"),
                Arguments.of("kind", "upgrade"),
                Arguments.of("kind", "permission"),
                Arguments.of("client_id", "client-without-purpose"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    void refusesAnInvalidFieldByNameAndStoresNothing(String field, String value) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count("outbox_events") == 0);
        long linksBefore = count("links");
        Map<String, Object> body = new HashMap<>();
        body.put(field, value);

        issue(TestApiKeys.ALPHA, body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bsp-onboarding:problem:invalid-parameters"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));

        assertEquals(linksBefore, count("links"));
        assertEquals(0, count("outbox_events"), "no event was written");
    }

    @Test
    void requiresAClientIdWithConnectClientUser() {
        issue(TestApiKeys.ALPHA, Map.of("connect_client_user", true))
                .statusCode(400).body("errors.field", contains("client_id"));
    }

    @Test
    void requiresAClientIdForAPermissionLink() {
        issue(TestApiKeys.BETA, Map.of("kind", "permission"))
                .statusCode(400).body("errors.field", contains("client_id"));
    }

    @Test
    void refusesAPopupOriginTogetherWithARedirectUrlAndStoresNothing() {
        long linksBefore = count("links");
        issue(TestApiKeys.ALPHA, Map.of("popup_origin", "https://app.partner.example",
                "redirect_url", "https://app.partner.example/done"))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("popup_origin"));
        assertEquals(linksBefore, count("links"));
    }

    @Test
    void namesEveryBrokenFieldAtOnce() {
        issue(TestApiKeys.ALPHA, Map.of("email", "x", "lang", "fr", "number", "+1"))
                .statusCode(400).body("errors.field", contains("email", "number", "lang"));
    }

    @Test
    void refusesAFieldTheApiDoesNotHave() {
        issue(TestApiKeys.ALPHA, Map.of("redirect_uri", "https://app.partner.example/"))
                .statusCode(400).contentType("application/problem+json").body("errors.field", contains("redirect_uri"));
    }

    @Test
    void refusesAFieldOfTheWrongType() {
        issue(TestApiKeys.ALPHA, Map.of("connect_client_user", "maybe"))
                .statusCode(400).contentType("application/problem+json").body("errors.field", contains("connect_client_user"));
    }

    @Test
    void refusesABodyThatIsNotJson() {
        given().header("Authorization", "Bearer " + TestApiKeys.ALPHA).contentType(ContentType.JSON).body("{\"email\":")
                .when().post("/v1/links")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("body"));
    }

    @Test
    void refusesAMissingBody() {
        given().header("Authorization", "Bearer " + TestApiKeys.ALPHA).contentType(ContentType.JSON)
                .when().post("/v1/links")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("body"));
    }

    private static long count(String table) {
        return ((Number) TestDatabaseResource.query(LinkServiceTestResources.DATABASE, "SELECT count(*) AS n FROM " + table)
                .get(0).get("n")).longValue();
    }
}

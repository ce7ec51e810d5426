package com.bsp.onboarding.sandbox.graph;

import static com.bsp.onboarding.sandbox.support.SandboxTestResources.APP_ID;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.APP_SECRET;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.GRAPH;
import static com.bsp.onboarding.sandbox.support.SandboxTestResources.SYSTEM_USER_TOKEN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** token-service's two Graph calls, as Meta answers them: the code exchange and debug_token. */
@QuarkusTest
class ExchangingCodesTest {

    /** What the SDK stand-in's popup gets when the customer clicks Finish. */
    static JsonPath newSignup() {
        return given().contentType(ContentType.JSON).body(Map.of("app_id", APP_ID, "config_id", "config-1"))
                .when().post("/sdk/signup/codes").then().statusCode(201).extract().jsonPath();
    }

    static ValidatableResponse exchange(String appId, String secret, String code) {
        return given().queryParam("client_id", appId).queryParam("client_secret", secret).queryParam("code", code)
                .when().get(GRAPH + "/oauth/access_token").then();
    }

    static ValidatableResponse debug(String systemUserToken, String inputToken) {
        return given().header("Authorization", "Bearer " + systemUserToken).queryParam("input_token", inputToken)
                .when().get(GRAPH + "/debug_token").then();
    }

    @Test
    void aCodeIsExchangedOnceThenAnswersUsed() {
        String code = newSignup().getString("code");

        exchange(APP_ID, APP_SECRET, code).statusCode(200)
                .body("access_token", startsWith("EAA"))
                .body("token_type", is("bearer"));
        exchange(APP_ID, APP_SECRET, code).statusCode(400)
                .body("error.code", is(100))
                .body("error.error_subcode", is(36009))
                .body("error.message", is("This authorization code has been used."))
                .body("error.type", is("OAuthException"));
    }

    @Test
    void aCodeExpiresAfterTheConfiguredLifetime() throws InterruptedException {
        String code = newSignup().getString("code");

        Thread.sleep(2_300); // %test.sandbox.code-ttl=2s

        exchange(APP_ID, APP_SECRET, code).statusCode(400)
                .body("error.code", is(100))
                .body("error.error_subcode", is(36007));
    }

    @Test
    void aWrongSecretIsRefusedWithoutUsingTheCode() {
        String code = newSignup().getString("code");

        exchange(APP_ID, "not-the-secret", code).statusCode(400).body("error.code", is(100))
                .body("error.message", is("Error validating client secret."));
        exchange("another-app", APP_SECRET, code).statusCode(400).body("error.code", is(101));
        exchange(APP_ID, APP_SECRET, "AQ-never-issued").statusCode(400).body("error.code", is(100));

        exchange(APP_ID, APP_SECRET, code).statusCode(200);
    }

    @Test
    void debugTokenListsTheSignedUpWabaUnderTheScopeNamesOfJune2026() {
        JsonPath signup = newSignup();
        String token = exchange(APP_ID, APP_SECRET, signup.getString("code")).statusCode(200).extract().path("access_token");

        debug(SYSTEM_USER_TOKEN, token).statusCode(200)
                .body("data.app_id", is(APP_ID))
                .body("data.is_valid", is(true))
                .body("data.granular_scopes.scope", contains("whatsapp_business_manage_events", "whatsapp_business_messaging"))
                .body("data.granular_scopes[0].target_ids", contains(signup.getString("waba_id")))
                .body("data.granular_scopes[1].target_ids", contains(signup.getString("waba_id")));
    }

    @Test
    void theScopeNamesOfBeforeJune2026AndUntargetedScopesCanBeChosen() {
        given().contentType("application/json").body("{\"scopes\":\"management\"}").when().post("/_sandbox/token-scopes")
                .then().statusCode(204);
        try {
            JsonPath old = newSignup();
            String token = exchange(APP_ID, APP_SECRET, old.getString("code")).statusCode(200).extract().path("access_token");
            debug(SYSTEM_USER_TOKEN, token).statusCode(200)
                    .body("data.granular_scopes.scope", contains("whatsapp_business_management", "whatsapp_business_messaging"))
                    .body("data.granular_scopes[0].target_ids", contains(old.getString("waba_id")));
        } finally {
            given().contentType("application/json").body("{\"scopes\":\"manage_events\"}").when().post("/_sandbox/token-scopes")
                    .then().statusCode(204);
        }
        JsonPath untargeted = given().contentType("application/json").body("{\"scopes\":\"no_targets\"}").when()
                .post("/_sandbox/codes").then().statusCode(201).extract().jsonPath();
        String token = exchange(APP_ID, APP_SECRET, untargeted.getString("code")).statusCode(200).extract().path("access_token");
        debug(SYSTEM_USER_TOKEN, token).statusCode(200).body("data.granular_scopes[0].target_ids", is((Object) null));
        given().contentType("application/json").body("{\"scopes\":\"everything\"}").when().post("/_sandbox/token-scopes")
                .then().statusCode(400);
    }

    @Test
    void debugTokenNeedsTheSystemUserTokenAndKnowsOnlyItsOwnTokens() {
        debug("someone-elses-token", "EAAwhatever").statusCode(400).body("error.code", is(190));
        given().queryParam("input_token", "EAAwhatever").when().get(GRAPH + "/debug_token").then()
                .statusCode(400).body("error.code", is(190));

        debug(SYSTEM_USER_TOKEN, "EAA-never-issued").statusCode(200)
                .body("data.is_valid", is(false))
                .body("data.error.code", is(190));
    }

    @Test
    void aSignupSeedsItsWabaWithAnUnregisteredNumber() {
        JsonPath signup = newSignup();
        String waba = signup.getString("waba_id");

        given().when().get("/_sandbox/wabas/{id}", waba).then().statusCode(200)
                .body("business_id", is(signup.getString("business_id")))
                .body("phone_numbers.id", contains(signup.getString("phone_number_id")))
                .body("phone_numbers[0].registered", is(false))
                .body("signup.code_exchanged_at", is((Object) null));
        exchange(APP_ID, APP_SECRET, signup.getString("code")).statusCode(200);
        given().when().get("/_sandbox/wabas/{id}", waba).then().statusCode(200)
                .body("signup.code_exchanged_at", not(emptyOrNullString()));
        // Graph ids are numeric, as token-service checks.
        assertTrue(waba.matches("\\d+") && signup.getString("phone_number_id").matches("\\d+"), waba);
    }

    @Test
    void aCodeForAnotherAppIsNotIssued() {
        given().contentType(ContentType.JSON).body(Map.of("app_id", "some-other-app")).when().post("/sdk/signup/codes")
                .then().statusCode(400);
    }
}

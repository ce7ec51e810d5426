package com.bsp.onboarding.token.signup;

import static com.bsp.onboarding.token.support.Graph.debugTokenCallOf;
import static com.bsp.onboarding.token.support.Graph.emulator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.emulator.SignupOptions;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several Meta apps: hub gamma runs Embedded Signup with its own app ({@code token.hubs.gamma.meta}). A code is
 * issued for the app whose configuration started the flow, so it is exchanged with that app's id and secret and
 * checked with that app's System User token; no other hub's app can use it.
 */
@QuarkusTest
class SignupsOfAHubWithItsOwnMetaAppTest {

    static final String GAMMA_APP = "gamma-app";

    @BeforeEach
    void gammasAppIsKnownToMeta() {
        emulator().addApp(GAMMA_APP, "gamma-app-secret", "gamma-system-user-token", "gamma-credit-line");
    }

    @Test
    void aCodeOfTheHubsOwnAppIsExchangedWithThatAppAndCheckedWithItsSystemUser() {
        IssuedCode signup = emulator().issueCode(GAMMA_APP, SignupOptions.defaults());

        SubmittingSignupsTest.submit(TokenServiceTestResources.GAMMA_KEY, signup).statusCode(201).body("status", equalTo("completed"));

        String exchange = emulator().calls("exchange_code", signup.wabaId()).get(0).path("query").asText();
        assertTrue(exchange.contains("client_id=" + GAMMA_APP), exchange);
        assertEquals("Bearer gamma-system-user-token", debugTokenCallOf(signup).authorization());
    }

    @Test
    void aCodeOfAnotherHubsAppIsRefusedEitherWay() {
        IssuedCode defaultAppCode = emulator().issueCode(SignupOptions.defaults());
        IssuedCode gammaAppCode = emulator().issueCode(GAMMA_APP, SignupOptions.defaults());

        int byGamma = SubmittingSignupsTest.submit(TokenServiceTestResources.GAMMA_KEY, defaultAppCode).extract().statusCode();
        int byAlpha = SubmittingSignupsTest.submit(TokenServiceTestResources.ALPHA_KEY, gammaAppCode).extract().statusCode();

        assertTrue(byGamma >= 400 && byGamma < 500, "gamma's app cannot exchange the default app's code: " + byGamma);
        assertTrue(byAlpha >= 400 && byAlpha < 500, "the default app cannot exchange gamma's code: " + byAlpha);
        assertTrue(emulator().calls("exchange_code", defaultAppCode.wabaId()).get(0).path("query").asText().contains("client_id=" + GAMMA_APP));
    }

    @Test
    void theHubsPageStartsEmbeddedSignupWithItsOwnApp() {
        String gammaPage = URI.create(given().header("Authorization", "Bearer " + TokenServiceTestResources.GAMMA_KEY)
                .post("/v1/signup-sessions").then().statusCode(201).extract().path("url")).getPath();
        String alphaPage = URI.create(given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY)
                .post("/v1/signup-sessions").then().statusCode(201).extract().path("url")).getPath();

        given().get(gammaPage).then().statusCode(200).body(containsString("data-app-id=\"" + GAMMA_APP + "\""));
        given().get(alphaPage).then().statusCode(200).body(containsString("data-app-id=\"app-id-for-tests\""))
                .body(not(containsString(GAMMA_APP)));
    }
}

package com.bsp.onboarding.sandbox.hub;

import static com.bsp.onboarding.sandbox.support.SandboxTestResources.PARTNER_ID;
import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code sandbox.hub-replay-key=link}, links signed within the same second are told apart by their state. */
@QuarkusTest
@TestProfile(ReplayPerLinkTest.PerLink.class)
class ReplayPerLinkTest {

    public static class PerLink implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sandbox.hub-replay-key", "link");
        }
    }

    @Test
    void twoLinksOfTheSameSecondAreTwoAttemptsButEachIsStillUsedOnce() {
        long second = HubSignupTest.uniqueSecond();
        Map<String, Object> first = HubSignupTest.signedLink("state-one", second);
        Map<String, Object> other = HubSignupTest.signedLink("state-two", second);

        given().queryParams(first).when().get("/hub/signup/{p}", PARTNER_ID).then().statusCode(200);
        given().queryParams(other).when().get("/hub/signup/{p}", PARTNER_ID).then().statusCode(200);
        given().queryParams(first).when().get("/hub/signup/{p}", PARTNER_ID).then().statusCode(409);
    }
}

package com.bsp.onboarding.partnerwebhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.bsp.onboarding.testing.http.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StartingUpTest {

    @Test
    void isReadyOnceMigratedAndConnected() {
        given().when().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
    }
}

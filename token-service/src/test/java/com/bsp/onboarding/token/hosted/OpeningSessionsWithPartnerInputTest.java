package com.bsp.onboarding.token.hosted;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.signup.SignupCompleted;
import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.token.support.Graph;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/signup-sessions} with the partner's input: its reference, a redirect, the flow, a prefill. */
@QuarkusTest
class OpeningSessionsWithPartnerInputTest {

    private static long sessions() {
        return (Long) TestDatabaseResource.query(TokenServiceTestResources.DATABASE, "SELECT count(*) AS n FROM signup_sessions")
                .get(0).get("n");
    }

    @Test
    void namesEveryUnknownOrInvalidFieldAndStoresNothing() {
        long before = sessions();

        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON)
                .body("""
                        {"customer_reference": "", "redirect_url": "https://evil.example/x", "flow": "marketing",
                         "colour": "blue",
                         "prefill": {"business": {"name": 7, "email": "not-an-address", "fax": "1",
                                                  "phone": {"code": "+49", "number": "030 1234"},
                                                  "address": {"country": "Germany", "planet": "Earth"}},
                                     "phone": {"category": "retail"}, "extra": {}}}""")
                .when().post("/v1/signup-sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("colour", "customer_reference", "redirect_url", "flow",
                        "prefill.extra", "prefill.business.fax", "prefill.business.name", "prefill.business.email",
                        "prefill.business.phone.code", "prefill.business.phone.number", "prefill.business.address.planet",
                        "prefill.business.address.country", "prefill.phone.category"));
        assertEquals(before, sessions(), "nothing stored");
    }

    @Test
    void refusesAFlowTheHubHasNotEnabledAndARedirectForAHubWithoutRedirectHosts() {
        given().header("Authorization", "Bearer " + TokenServiceTestResources.BETA_KEY).contentType(ContentType.JSON)
                .body(Map.of("flow", "coexistence", "redirect_url", "https://app.partner.example/done"))
                .when().post("/v1/signup-sessions")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("flow", "redirect_url"));
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON)
                .body(Map.of("redirect_url", "http://app.partner.example/done"))
                .when().post("/v1/signup-sessions")
                .then().statusCode(400).body("errors[0].message", equalTo("must be an absolute https URL"));
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.TEXT).body("flow=default")
                .when().post("/v1/signup-sessions").then().statusCode(415).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY).contentType(ContentType.JSON).body("{\"flow\":")
                .when().post("/v1/signup-sessions").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void keepsTheInputShowsItToTheHubAndCarriesTheReferenceIntoTheSignupEvent() throws Exception {
        HostedSignupTest.Session session = HostedSignupTest.openSession(TokenServiceTestResources.ALPHA_KEY, Map.of(
                "customer_reference", "crm-4711", "redirect_url", "https://shop.alpha.example/whatsapp?step=done",
                "flow", "coexistence", "prefill", Map.of("business", Map.of("name", "Jaspers Market", "website", "https://jaspers.example"))));

        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY)
                .when().get("/v1/signup-sessions/{id}", session.id())
                .then().statusCode(200).body("customer_reference", equalTo("crm-4711")).body("flow", equalTo("coexistence"))
                .body("redirect_url", equalTo("https://shop.alpha.example/whatsapp?step=done"));
        String page = given().when().get(session.path()).then().statusCode(200).extract().asString();
        assertTrue(page.contains("data-feature-type=\"whatsapp_business_app_onboarding\""));
        assertTrue(page.contains("&quot;name&quot;:&quot;Jaspers Market&quot;"), "the prefill, HTML-escaped in its attribute");
        given().header("Authorization", "Bearer " + TokenServiceTestResources.BETA_KEY)
                .when().get("/v1/signup-sessions/{id}", session.id()).then().statusCode(404);

        IssuedCode signup = Graph.signup();
        String signupId = HostedSignupTest.complete(session, signup).statusCode(201).extract().path("id");

        var record = TopicReader.await(Topics.SIGNUP_EVENTS, r -> r.value().contains(signupId), 1, Duration.ofSeconds(20)).get(0);
        CloudEvent<SignupCompleted> event = EventJson.newMapper().readValue(record.value(),
                new TypeReference<CloudEvent<SignupCompleted>>() { });
        assertEquals("crm-4711", event.data().customerReference());
        assertEquals(session.id(), event.data().signupSessionId());
    }

    @Test
    void aSessionWithoutInputRunsTheDefaultFlow() {
        HostedSignupTest.Session session = HostedSignupTest.openSession(TokenServiceTestResources.ALPHA_KEY);

        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY)
                .when().get("/v1/signup-sessions/{id}", session.id())
                .then().statusCode(200).body("flow", equalTo("default")).body("$", org.hamcrest.Matchers.not(hasItems("redirect_url")));
    }
}

package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.testing.http.Management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.EventJson;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.signup.SignupEventTypes;
import com.bsp.onboarding.contracts.signup.SignupSessionEvent;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Since ES v4 Meta sends a WA_EMBEDDED_SIGNUP message for every way the flow ends: the page hands each to the
 * service, which records it on the session and announces it, so drop-offs can be counted.
 */
@QuarkusTest
class RecordingSessionMessagesTest {

    private static io.restassured.response.ValidatableResponse post(HostedSignupTest.Session session, String body) {
        // The headers of the page's own fetch, Accept included.
        return given().contentType(ContentType.JSON).accept("application/json, application/problem+json").body(body)
                .when().post(session.path() + "/events").then();
    }

    private static List<CloudEvent<SignupSessionEvent>> announced(String sessionId, int count) throws Exception {
        List<ConsumerRecord<String, String>> records = TopicReader.await(Topics.SIGNUP_EVENTS,
                r -> sessionId.equals(r.key()) && r.value().contains(SignupEventTypes.SESSION_EVENT), count, Duration.ofSeconds(20));
        List<CloudEvent<SignupSessionEvent>> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            events.add(EventJson.newMapper().readValue(record.value(), new TypeReference<CloudEvent<SignupSessionEvent>>() { }));
        }
        return events;
    }

    @Test
    void recordsACancelWithItsStepAndAnErrorWithItsCodeAndAnnouncesBothWithTheReference() throws Exception {
        HostedSignupTest.Session session = HostedSignupTest.openSession(TokenServiceTestResources.ALPHA_KEY,
                Map.of("customer_reference", "crm-cancel-1"));

        post(session, "{\"event\":\"CANCEL\",\"data\":{\"current_step\":\"PHONE_NUMBER_SETUP\"}}").statusCode(204);
        post(session, """
                {"event":"ERROR","data":{"error_message":"Phone number already registered","error_code":524126,
                 "session_id":"f34b5d0c4b2e","timestamp":"1764680000","waba_ids":["1"]}}""").statusCode(204);

        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY)
                .when().get("/v1/signup-sessions/{id}", session.id())
                .then().statusCode(200).body("status", equalTo("open"))
                .body("events.event", contains("CANCEL", "ERROR"))
                .body("events[0].current_step", equalTo("PHONE_NUMBER_SETUP"))
                .body("events[1].error_code", equalTo("524126"))
                .body("events[1].error_message", equalTo("Phone number already registered"))
                .body("events[1].meta_session_id", equalTo("f34b5d0c4b2e"))
                .body("events[1].reported_at", equalTo("2025-12-02T12:53:20Z"));

        List<CloudEvent<SignupSessionEvent>> events = announced(session.id(), 2);
        assertEquals(List.of(1, 2), events.stream().map(e -> e.data().seq()).sorted().toList());
        SignupSessionEvent cancel = events.stream().filter(e -> e.data().event().equals("CANCEL")).findFirst().orElseThrow().data();
        assertEquals("PHONE_NUMBER_SETUP", cancel.currentStep());
        assertEquals("crm-cancel-1", cancel.customerReference());
        assertEquals("alpha", cancel.hubId());
        SignupSessionEvent error = events.stream().filter(e -> e.data().event().equals("ERROR")).findFirst().orElseThrow().data();
        assertEquals("524126", error.errorCode());
        assertEquals(Instant.ofEpochSecond(1764680000L), error.reportedAt());

        String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("signup_session_messages_total{") && l.contains("event=\"CANCEL\"")
                && l.contains("step=\"PHONE_NUMBER_SETUP\"")), "a count per outcome and step");
    }

    @Test
    void refusesWhatIsNotAMessageOfMetaAndRecordsNothing() {
        HostedSignupTest.Session session = HostedSignupTest.openSession(TokenServiceTestResources.ALPHA_KEY);

        post(session, "{\"event\":\"cancel\",\"data\":{\"current_step\":\"<script>\",\"waba_id\":\"12a\"},\"extra\":1}")
                .statusCode(400).body("errors.field", containsInAnyOrder("extra", "event", "data.current_step", "data.waba_id"));
        post(session, "{\"data\":{}}").statusCode(400).body("errors.field", contains("event"));

        given().header("Authorization", "Bearer " + TokenServiceTestResources.ALPHA_KEY)
                .when().get("/v1/signup-sessions/{id}", session.id()).then().statusCode(200).body("events", equalTo(List.of()));
    }

    @Test
    void anUnknownLinkRecordsNothing() {
        given().contentType(ContentType.JSON).body("{\"event\":\"CANCEL\",\"data\":{}}")
                .when().post("/signup/" + "A".repeat(43) + "/events").then().statusCode(404).contentType("application/problem+json");
    }
}

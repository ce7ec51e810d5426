package com.bsp.onboarding.link.callback;

import static com.bsp.onboarding.link.support.LinkApi.callback;
import static com.bsp.onboarding.link.support.LinkApi.get;
import static com.bsp.onboarding.link.support.LinkApi.issue;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.link.support.KafkaEvents;
import com.bsp.onboarding.link.support.ProgressEvents;
import com.bsp.onboarding.link.support.TestApiKeys;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.bsp.onboarding.testing.http.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 360Dialog's redirect comes through the customer's browser unsigned (reference §3.5): what it names is the customer's
 * claim. A link shows a channel's progress only once waba-provisioner confirmed the claim against 360Dialog's facts.
 */
@QuarkusTest
class TreatingTheRedirectAsAClaimTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRedirectNamingAnotherClientThanTheLinkWasIssuedForIsRefusedAndRecordsNothing() throws Exception {
        String owner = unique("client");
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of("connect_client_user", true, "client_id", owner))
                .statusCode(201).extract();
        String id = link.path("id");

        callback(link.path("state"), unique("client"), "[" + unique("ch") + "]", "[" + unique("ch") + "]")
                .statusCode(403).contentType(containsString("text/html")).body(containsString("another 360Dialog account"));

        get(TestApiKeys.ALPHA, id).statusCode(200).body("status", equalTo("issued")).body("$", not(hasKey("onboarding")));
        // The link stays open for its own client's redirect, which completes it: one onboarding-completed, for the owner.
        String channel = unique("ch");
        callback(link.path("state"), owner, "[" + channel + "]", null).statusCode(200);
        var completed = TopicReader.await(Topics.IO_LINK_EVENTS,
                r -> r.value().contains(id) && r.value().contains(LinkEventTypes.ONBOARDING_COMPLETED), 1, EVENTUALLY);
        assertEquals(1, completed.size());
        var data = JSON.readTree(completed.get(0).value()).path("data");
        assertEquals(owner, data.path("client_id").asText());
        assertEquals(owner, data.path("link_client_id").asText(), "the provisioner learns which client the link was issued for");
        assertTrue(metric("io_callbacks_total", "ClientMismatch") >= 1);
    }

    @Test
    void aLinksChannelsStayClaimedShowingNothingOfTheChannelUntilConfirmedAndARefusalIsVisible() {
        String client = unique("client");
        String mine = unique("ch");
        String someoneElses = unique("ch");
        String revoked = unique("ch");
        // someoneElses is provisioned (for its owner): a forger's link naming it must not show that.
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, "owner", ProgressEvents.hubEvent("owner", someoneElses, "channel_running",
                "running", Instant.now()));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, "owner", ProgressEvents.provisioned("owner", someoneElses, Instant.now(), "c2VhbGVk"));
        ExtractableResponse<Response> link = issue(TestApiKeys.ALPHA, Map.of()).statusCode(201).extract();
        String id = link.path("id");
        double claimedBefore = metric("io_channel_claims_total", "claimed");
        double refusedBefore = metric("io_channel_claims_total", "refused");

        callback(link.path("state"), client, "[" + mine + "," + someoneElses + "]", "[" + revoked + "]").statusCode(200);

        get(TestApiKeys.ALPHA, id).statusCode(200)
                .body("onboarding.status", equalTo("provisioning"))
                .body("onboarding.claims", equalTo("claimed"))
                .body("onboarding.channels[1].id", equalTo(someoneElses))
                .body("onboarding.channels[1].claim", equalTo("claimed"))
                .body("onboarding.channels[1].provisioning", equalTo("pending"))
                .body("onboarding.channels[1]", not(hasKey("hub_status")))
                .body("onboarding.revocations[0].id", equalTo(revoked))
                .body("onboarding.revocations[0].claim", equalTo("claimed"));
        assertEquals(3, metric("io_channel_claims_total", "claimed") - claimedBefore, "every channel of the redirect is a claim");

        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, ProgressEvents.claimDecided(id, client, someoneElses, "grant", "refused",
                "channel_of_another_client"));
        KafkaEvents.send(Topics.PROVISIONING_EVENTS, client, ProgressEvents.claimDecided(id, client, mine, "grant", "confirmed", null));
        KafkaEvents.send(Topics.DIALOG360_WEBHOOK_EVENTS, client, ProgressEvents.hubEvent(client, mine, "channel_running", "running",
                Instant.now()));

        await().atMost(EVENTUALLY).untilAsserted(() -> get(TestApiKeys.ALPHA, id).statusCode(200)
                .body("onboarding.status", equalTo("refused"))
                .body("onboarding.claims", equalTo("refused"))
                .body("onboarding.channels[0].claim", equalTo("confirmed"))
                .body("onboarding.channels[0].hub_status", equalTo("running"))
                .body("onboarding.channels[1].claim", equalTo("refused"))
                .body("onboarding.channels[1].refused_because", equalTo("channel_of_another_client"))
                .body("onboarding.channels[1].provisioning", equalTo("pending"))
                .body("onboarding.channels[1]", not(hasKey("provisioned_at")))
                .body("onboarding.revocations[0].claim", equalTo("claimed")));
        assertEquals(1, metric("io_channel_claims_total", "refused") - refusedBefore);
    }

    @Test
    void documentsClaimsInTheOpenApiDocument() {
        given().queryParam("format", "json").when().get(Management.url("/q/openapi")).then().statusCode(200)
                .body("components.schemas.ChannelProgress.properties", hasKey("claim"))
                .body("components.schemas.OnboardingProgress.properties", hasKey("claims"))
                .body("components.schemas.OnboardingProgress.properties", hasKey("revocations"));
    }

    private static double metric(String name, String outcome) {
        String metrics = given().when().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }
}

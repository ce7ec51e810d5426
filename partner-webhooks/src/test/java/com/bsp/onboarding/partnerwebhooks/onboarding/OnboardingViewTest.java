package com.bsp.onboarding.partnerwebhooks.onboarding;

import static com.bsp.onboarding.partnerwebhooks.support.SourceEvents.id;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.bsp.onboarding.partnerwebhooks.support.Messages;
import com.bsp.onboarding.partnerwebhooks.support.SourceEvents;
import com.bsp.onboarding.partnerwebhooks.support.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /v1/onboardings/{id} and the listing: one view for both routes, for the hub that owns the onboarding only. */
@QuarkusTest
class OnboardingViewTest {

    @Inject
    Pool pool;

    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void anIntegratedOnboardingShowsItsStatusChannelsAndTimeline() {
        String link = id();
        String client = "client-" + id();
        String channel = "ch-" + id();
        SourceEvents.link(SourceEvents.linkIssued("alpha", link, "view-io", t0));
        SourceEvents.link(SourceEvents.onboardingCompleted("alpha", link, client, List.of(channel), "view-io", t0.plusSeconds(1)));
        SourceEvents.provisioning(SourceEvents.channelProvisioned("alpha", client, channel, t0.plusSeconds(2)));
        List<Messages.Message> told = new Messages(pool).await(link, 3);

        alpha().get("/v1/onboardings/{id}", link).then().statusCode(200)
                .body("id", equalTo(link))
                .body("route", equalTo("integrated_onboarding"))
                .body("partner_reference", equalTo("view-io"))
                .body("status", equalTo("provisioned"))
                .body("client_id", equalTo(client))
                .body("channels.channel_id", contains(channel))
                .body("channels.status", contains("provisioned"))
                .body("created_at", startsWith(t0.toString().substring(0, 19)))
                .body("updated_at", notNullValue())
                .body("timeline.type", contains("onboarding.started", "onboarding.completed", "channel.provisioned"))
                .body("timeline.message_id", contains(told.get(0).id(), told.get(1).id(), told.get(2).id()))
                .body("timeline[2].data.channel_id", equalTo(channel))
                .body("timeline[2].data.partner_reference", equalTo("view-io"))
                .body("timeline[0].timestamp", notNullValue());
    }

    @Test
    void aLateEventNeverMovesTheStatusBack() {
        String signup = "su_" + id();
        String waba = "waba-" + id();
        SourceEvents.signup(SourceEvents.signupCompleted("alpha", signup, null, waba, "phone-9", "view-late", t0));
        SourceEvents.provisioning(SourceEvents.wabaProvisioned("alpha", waba, signup, "phone-9", t0.plusSeconds(5)));
        // A failure older than the success, read after it (ops retried the WABA in between).
        SourceEvents.provisioning(SourceEvents.wabaProvisioningFailed("alpha", waba, t0.plusSeconds(2)));
        new Messages(pool).await(signup, 4);

        alpha().get("/v1/onboardings/{id}", signup).then().statusCode(200)
                .body("status", equalTo("provisioned"))
                .body("route", equalTo("embedded_signup"))
                .body("waba_id", equalTo(waba))
                .body("phone_number_id", equalTo("phone-9"))
                .body("channels", empty())
                .body("timeline.type", contains("onboarding.started", "onboarding.completed", "waba.provisioned",
                        "waba.provisioning_failed"));
    }

    @Test
    void anotherHubsOnboardingIsNotFound() {
        String session = "ss_" + id();
        SourceEvents.signup(SourceEvents.sessionStarted("alpha", session, "view-secret", t0));
        new Messages(pool).await(session, 1);

        given().header("Authorization", "Bearer " + TestApiKeys.BETA).get("/v1/onboardings/{id}", session).then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().header("Authorization", "Bearer " + TestApiKeys.BETA).queryParam("partner_reference", "view-secret")
                .get("/v1/onboardings").then().statusCode(200).body("data", empty());
        alpha().get("/v1/onboardings/{id}", "no-such-" + id()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void withoutAKeyNothingIsShown() {
        given().get("/v1/onboardings/{id}", id()).then().statusCode(401);
        given().get("/v1/onboardings").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").get("/v1/onboardings").then().statusCode(401);
    }

    @Test
    void theListingFiltersByReferenceAndStatusNewestFirstInPages() {
        String reference = "list-" + id();
        String older = "ss_" + id();
        String newer = "ss_" + id();
        String completedOne = "su_" + id();
        SourceEvents.signup(SourceEvents.sessionStarted("alpha", older, reference, t0.minusSeconds(30)));
        SourceEvents.signup(SourceEvents.sessionStarted("alpha", newer, reference, t0.minusSeconds(20)));
        SourceEvents.signup(SourceEvents.signupCompleted("alpha", completedOne, null, "waba-" + id(), "p", reference, t0.minusSeconds(10)));
        Messages messages = new Messages(pool);
        messages.await(older, 1);
        messages.await(newer, 1);
        messages.await(completedOne, 2);

        alpha().queryParam("partner_reference", reference).get("/v1/onboardings").then().statusCode(200)
                .body("data.id", contains(completedOne, newer, older))
                .body("data[0].timeline", nullValue())
                .body("next_after", nullValue());
        alpha().queryParam("partner_reference", reference).queryParam("status", "started").get("/v1/onboardings")
                .then().statusCode(200).body("data.id", contains(newer, older));
        String next = alpha().queryParam("partner_reference", reference).queryParam("limit", 2).get("/v1/onboardings")
                .then().statusCode(200).body("data.id", contains(completedOne, newer))
                .body("next_after", equalTo(newer)).extract().path("next_after");
        alpha().queryParam("partner_reference", reference).queryParam("limit", 2).queryParam("after", next)
                .get("/v1/onboardings").then().statusCode(200).body("data.id", contains(older))
                .body("next_after", nullValue());
        alpha().queryParam("status", "completed").queryParam("limit", 100).get("/v1/onboardings").then().statusCode(200)
                .body("data.id", hasItem(completedOne)).body("data.id", not(hasItem(older)));
    }

    @Test
    void badListingParametersAreRefusedNamingThem() {
        alpha().queryParam("status", "sleeping").get("/v1/onboardings").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("status"));
        alpha().queryParam("limit", "0").get("/v1/onboardings").then().statusCode(400)
                .body("errors.field", contains("limit"));
        alpha().queryParam("limit", "many").get("/v1/onboardings").then().statusCode(400)
                .body("errors.field", contains("limit"));
        alpha().queryParam("limit", "101").get("/v1/onboardings").then().statusCode(400)
                .body("errors.field", contains("limit"));
        alpha().queryParam("after", "not-an-onboarding-" + id()).get("/v1/onboardings").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("after"));
    }

    private static RequestSpecification alpha() {
        return given().header("Authorization", "Bearer " + TestApiKeys.ALPHA);
    }
}

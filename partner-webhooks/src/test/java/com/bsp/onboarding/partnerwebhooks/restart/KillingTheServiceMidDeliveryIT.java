package com.bsp.onboarding.partnerwebhooks.restart;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.partnerwebhooks.support.LinkIssuedEvents;
import com.bsp.onboarding.partnerwebhooks.support.PartnerWebhooksProcess;
import com.bsp.onboarding.partnerwebhooks.support.RecordingReceiver;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.testing.process.ServiceProcess;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service is killed (SIGKILL) twice while deliveries are in flight to a slow receiver and while
 * events still wait on Kafka: after each restart it goes on, and every webhook-id arrives at least once,
 * because a delivery is done only once the receiver's 200 is stored, and a dead replica's leases run out.
 */
class KillingTheServiceMidDeliveryIT {

    private static final String DATABASE = "partner_webhooks_restart_it";
    private static final String HUB = "kill";
    private static final String KEY = "kill-hub-key";
    private static final int EVENTS = 400;

    private static RecordingReceiver receiver;
    private static ServiceProcess service;

    @BeforeAll
    static void start() {
        EmbeddedKafkaBroker.shared().start();
        TestDatabaseResource.recreate(DATABASE);
        receiver = new RecordingReceiver(50);
        service = PartnerWebhooksProcess.of(DATABASE, Map.of(HUB, KEY))
                // Short leases, so a killed replica's deliveries are taken up again within seconds.
                .with("PARTNER_WEBHOOKS_DELIVERY_CONNECT_TIMEOUT", "1s")
                .with("PARTNER_WEBHOOKS_DELIVERY_REQUEST_TIMEOUT", "2s")
                .with("PARTNER_WEBHOOKS_DELIVERY_LEASE_MARGIN", "2s")
                .with("PARTNER_WEBHOOKS_DELIVERY_MAX_IN_FLIGHT_PER_ENDPOINT", "16");
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
        receiver.close();
    }

    @Test
    void everyWebhookIdArrivesAtLeastOnceAcrossKills() throws Exception {
        service.start();
        RestAssured.given().baseUri(service.baseUrl()).header("X-API-Key", KEY).contentType("application/json")
                .body(Map.of("url", receiver.url("/hooks"))).when().post("/v1/endpoints").then().statusCode(201);
        try (LinkIssuedEvents links = new LinkIssuedEvents(EmbeddedKafkaBroker.shared().bootstrapServers(), HUB)) {
            for (int i = 0; i < EVENTS; i++) {
                links.send("link-kill-" + i);
            }
            links.flush();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.distinct() >= EVENTS / 5);
        service.kill();
        int afterFirstKill = receiver.distinct();
        service.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.distinct() >= afterFirstKill + EVENTS / 5);
        service.kill();
        service.start();

        await().atMost(Duration.ofSeconds(120)).until(() -> receiver.distinct() >= EVENTS);
        assertEquals(EVENTS, receiver.distinct(), "every onboarding.started webhook-id arrived");
        assertTrue(afterFirstKill < EVENTS, "the first kill came while deliveries were still to be made");
    }
}

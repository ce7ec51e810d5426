package com.bsp.onboarding.ingest.meta;

import static com.bsp.onboarding.ingest.support.Webhooks.post360Channel;
import static com.bsp.onboarding.ingest.support.Webhooks.postMetaSigned;
import static com.bsp.onboarding.ingest.support.Webhooks.rawRecordsOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.ingest.support.Webhooks;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KafkaOutageTest {

    @Test
    void answers503WhileKafkaIsDownAndLosesNothingItAccepted() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        List<byte[]> accepted = new ArrayList<>();
        List<byte[]> refused = new ArrayList<>();
        byte[] channelBody = ("{\"object\":\"whatsapp_business_account\",\"entry\":[],\"n\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        broker.stop();
        try {
            for (int i = 0; i < 5; i++) {
                byte[] body = ReceivingMetaWebhooksTest.uniqueBody();
                int status = postMetaSigned(body).extract().statusCode();
                if (status == 200) {
                    accepted.add(body);
                } else {
                    assertEquals(503, status, "a webhook Kafka cannot take is refused so that the sender retries");
                    refused.add(body);
                }
            }
            assertTrue(refused.size() >= 4, "with the broker gone, webhooks are refused, not acknowledged: " + refused.size());
            postMetaSigned(ReceivingMetaWebhooksTest.uniqueBody()).statusCode(503)
                    .header("Retry-After", notNullValue()).contentType("application/problem+json");
            // A 360Dialog channel (messaging) webhook is refused the same way.
            post360Channel(Webhooks.PARTNER_ID, "outageCH", channelBody, Webhooks.CHANNEL_AUTH_HEADER, Webhooks.channelAuth("outageCH"))
                    .statusCode(503).header("Retry-After", notNullValue()).contentType("application/problem+json");
        } finally {
            broker.start();
        }

        // Meta retries what was refused; once Kafka is back, those are accepted too.
        for (byte[] body : refused) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> postMetaSigned(body).extract().statusCode() == 200);
            accepted.add(body);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> post360Channel(Webhooks.PARTNER_ID,
                "outageCH", channelBody, Webhooks.CHANNEL_AUTH_HEADER, Webhooks.channelAuth("outageCH")).extract().statusCode() == 200);
        accepted.add(channelBody);
        for (byte[] body : accepted) {
            assertTrue(!rawRecordsOf(Topics.WEBHOOKS_RAW, body).isEmpty(), "every acknowledged webhook is on the raw topic");
        }
    }
}

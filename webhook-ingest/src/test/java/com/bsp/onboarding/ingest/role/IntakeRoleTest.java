package com.bsp.onboarding.ingest.role;

import static com.bsp.onboarding.ingest.support.Webhooks.postMetaSigned;
import static com.bsp.onboarding.ingest.support.Webhooks.rawRecordsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;

/** A replica with the intake only: webhooks are stored on the raw topic, and it joins no typed-stage consumer group. */
@QuarkusTest
@TestProfile(IntakeRoleTest.IntakeOnly.class)
class IntakeRoleTest {

    static final String TYPED_STAGE_GROUP = "webhook-ingest-typed";

    public static class IntakeOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.roles.typed-stage", "false");
        }
    }

    @Test
    void storesSignedWebhooksOnTheRawTopicAndLeavesTheTypedStageToOthers() throws Exception {
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"time\":1,\"changes\":[{\"field\":"
                + "\"messages\",\"value\":{\"n\":\"" + UUID.randomUUID() + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);

        postMetaSigned(body).statusCode(200);

        assertEquals(1, rawRecordsOf(Topics.WEBHOOKS_RAW, body).size());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaBroker.shared().bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(TYPED_STAGE_GROUP)).all()
                    .get(20, TimeUnit.SECONDS).get(TYPED_STAGE_GROUP);
            assertEquals(0, group.members().size(), "no typed-stage consumer runs in an intake-only replica");
        }
    }
}

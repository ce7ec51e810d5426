package com.bsp.onboarding.token.signup;

import static com.bsp.onboarding.token.support.Graph.signup;

import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.kafka.TopicReader;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KafkaOutageTest {

    @Test
    void completesSignupsWhileKafkaIsDownAndAnnouncesThemAfterwards() throws Exception {
        IssuedCode signup = signup();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String id;
        broker.stop();
        try {
            // A code lives 30 seconds: the signup cannot wait for Kafka, the outbox holds its event.
            id = SubmittingSignupsTest.submit(TokenServiceTestResources.ALPHA_KEY, signup)
                    .statusCode(201).extract().path("id");
            Thread.sleep(2_000);
        } finally {
            broker.start();
        }
        String signupId = id;
        TopicReader.await(Topics.SIGNUP_EVENTS, r -> r.value().contains(signupId), 1, Duration.ofSeconds(60));
    }
}

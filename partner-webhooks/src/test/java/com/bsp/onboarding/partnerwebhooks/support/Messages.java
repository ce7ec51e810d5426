package com.bsp.onboarding.partnerwebhooks.support;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The partner events the service stored (the messages table), read as a test sees them. */
public final class Messages {

    /** One stored message: its webhook-id, hub and the body. */
    public record Message(String id, String hubId, String type, JsonNode body) {
        public JsonNode data() {
            return body.get("data");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;

    public Messages(Pool pool) {
        this.pool = pool;
    }

    /** Every message of the onboarding, of any hub, in creation order. */
    public List<Message> of(String onboardingId) {
        List<Message> messages = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT id, hub_id, event_type, payload FROM messages WHERE onboarding_id = $1 ORDER BY seq")
                .execute(Tuple.of(onboardingId)).await().atMost(Duration.ofSeconds(10))) {
            try {
                messages.add(new Message(row.getString("id"), row.getString("hub_id"), row.getString("event_type"),
                        JSON.readTree(row.getString("payload"))));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return messages;
    }

    /** Waits until the onboarding has {@code count} messages at least, and returns them. */
    public List<Message> await(String onboardingId, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> of(onboardingId).size() >= count);
        return of(onboardingId);
    }

    /** The message types of the onboarding, in order. */
    public List<String> types(String onboardingId) {
        return of(onboardingId).stream().map(Message::type).toList();
    }
}

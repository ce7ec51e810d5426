package com.bsp.onboarding.partnerwebhooks.delivery;

import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Turns partner events into messages and one delivery per enabled endpoint of their hub whose filter takes
 * the type, in the caller's transaction (one statement for any number of events): the event exists exactly when the state change
 * that produced it was committed. A message id seen before changes nothing. A delivery queued behind an
 * earlier one of its onboarding that waits for a retry is due no sooner than that one (it cannot go first, and
 * the dispatcher's claims need not walk over it); the first pending one is looked up by message order, which only
 * deliveries_in_key serves (a max() of the time was planned as a backward walk of every pending delivery of the
 * endpoint: 70 ms a fan-out with a hanging endpoint's backlog). The caller wakes the dispatcher after the commit.
 */
@ApplicationScoped
public class MessageFanout {

    /**
     * Messages created in the order given (so their seq, the delivery order per onboarding, is that order), each
     * with its deliveries. The "first pending" probe does not see the deliveries this statement creates, which is
     * right: they are due now, so they never push a follower's due time.
     */
    private static final String FAN_OUT_ALL = """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
                    AS i(id, hub_id, onboarding_id, event_type, payload, n)),
            message AS (
                INSERT INTO messages (id, hub_id, onboarding_id, event_type, payload)
                SELECT id, hub_id, onboarding_id, event_type, payload FROM input ORDER BY n
                ON CONFLICT (id) DO NOTHING
                RETURNING id, seq, hub_id, onboarding_id, event_type)
            INSERT INTO deliveries (endpoint_id, message_id, ordering_key, message_seq, next_attempt_at)
            SELECT e.id, m.id, coalesce(m.onboarding_id, m.id), m.seq,
                   greatest(now(), (SELECT p.next_attempt_at FROM deliveries p
                                    WHERE p.ordering_key = coalesce(m.onboarding_id, m.id) AND p.endpoint_id = e.id
                                      AND p.status = 'pending'
                                    ORDER BY p.message_seq LIMIT 1))
            FROM message m JOIN endpoints e ON e.hub_id = m.hub_id
            WHERE e.enabled AND e.deleted_at IS NULL
              AND (e.event_types IS NULL OR m.event_type = ANY (e.event_types))""";

    /** The same message, delivered to one endpoint whatever its filter (a test event the hub asked for). */
    private static final String TO_ONE = """
            WITH message AS (
                INSERT INTO messages (id, hub_id, onboarding_id, event_type, payload)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO NOTHING
                RETURNING id, seq, onboarding_id)
            INSERT INTO deliveries (endpoint_id, message_id, ordering_key, message_seq)
            SELECT $6, m.id, coalesce(m.onboarding_id, m.id), m.seq FROM message m""";

    private final ObjectMapper json;

    public MessageFanout(ObjectMapper json) {
        this.json = json;
    }

    /** @return how many deliveries were created (0 also for a message seen before) */
    public Uni<Integer> publish(SqlClient tx, PartnerEvent event) {
        return publishAll(tx, List.of(event));
    }

    /** {@link #publish} for many events in one statement, in the order given; @return how many deliveries were created */
    public Uni<Integer> publishAll(SqlClient tx, List<PartnerEvent> events) {
        int n = events.size();
        String[] ids = new String[n];
        String[] hubs = new String[n];
        String[] onboardings = new String[n];
        String[] types = new String[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            PartnerEvent event = events.get(i);
            ids[i] = event.id();
            hubs[i] = event.hubId();
            onboardings[i] = event.onboardingId();
            types[i] = event.type();
            bodies[i] = body(event);
        }
        return tx.preparedQuery(FAN_OUT_ALL).execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(hubs)
                        .addArrayOfString(onboardings).addArrayOfString(types).addArrayOfString(bodies))
                .map(rows -> rows.rowCount());
    }

    /** @return how many deliveries were created: 1, or 0 for a message seen before */
    public Uni<Integer> publishTo(SqlClient tx, PartnerEvent event, String endpointId) {
        return tx.preparedQuery(TO_ONE)
                .execute(Tuple.of(event.id(), event.hubId(), event.onboardingId(), event.type(), body(event), endpointId))
                .map(rows -> rows.rowCount());
    }

    /** The Standard Webhooks body: {"type", "timestamp", "data"}. */
    String body(PartnerEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("type", event.type());
        body.put("timestamp", event.timestamp().toString());
        body.set("data", event.data());
        return body.toString();
    }
}

package com.bsp.onboarding.link.links;

import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/**
 * Writes a new link together with its outbox event in one SQL statement. A single statement is
 * atomic on its own, so this is the outbox guarantee in one round trip instead of the four of an
 * ORM transaction (BEGIN, two INSERTs, COMMIT): link issuing is the hot path partners call.
 */
@ApplicationScoped
public class LinkStore {

    private static final String INSERT_LINK_WITH_EVENT = """
            WITH new_link AS (
                INSERT INTO links (id, hub_id, partner_id, kind, status, io_state, io_timestamp, url, email, name,
                                   number, caller_state, redirect_target, partner_payload, next_step, lang,
                                   plan_selection, connect_client_user, requested_client_id, created_at, expires_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
            )
            INSERT INTO outbox_events (event_id, topic, event_key, event_type, payload)
            VALUES ($22, $23, $24, $25, $26)
            """;

    private final Pool pool;

    public LinkStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insertWithEvent(Link link, OutboxRecord event) {
        Tuple values = Tuple.tuple()
                .addUUID(link.id).addString(link.hubId).addString(link.partnerId).addString(link.kind)
                .addString(link.status).addString(link.ioState).addLong(link.ioTimestamp).addString(link.url)
                .addString(link.email).addString(link.name).addString(link.number).addString(link.callerState)
                .addString(link.redirectTarget).addString(link.partnerPayload).addString(link.nextStep)
                .addString(link.lang).addString(link.planSelection).addBoolean(link.connectClientUser)
                .addString(link.requestedClientId)
                .addOffsetDateTime(link.createdAt.atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(link.expiresAt.atOffset(ZoneOffset.UTC))
                .addUUID(event.eventId()).addString(event.topic()).addString(event.key()).addString(event.type())
                .addString(event.payload());
        return pool.preparedQuery(INSERT_LINK_WITH_EVENT).execute(values).replaceWithVoid();
    }
}

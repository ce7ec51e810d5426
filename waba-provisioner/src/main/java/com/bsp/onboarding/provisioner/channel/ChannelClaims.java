package com.bsp.onboarding.provisioner.channel;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ChannelClaimDecided;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.provisioner.inbox.Effects;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A link's redirect claims channels ({@code channels=[...]}, {@code revoked=[...]}) for a client; it comes through the
 * customer's browser unsigned, so a claim is only recorded here (reference §3.5). It is confirmed, and only then acted
 * on, when the authoritative facts agree: 360Dialog's signed webhooks name the channel's client (the channel row's
 * {@code client_id}, which only webhooks set) and it is the claimed client, and that client belongs to the link
 * ({@code client_of_link}, decided by {@link OnboardingCompletedHandler}). A claim on another client's channel, or
 * for a client that is not the link's, is refused; one the facts never confirm stays {@code claimed}. Each decision
 * is announced once ({@code channel-claim-decided}) and counted ({@code channel_claims_total}).
 */
@ApplicationScoped
public class ChannelClaims {

    private static final String RECORD = """
            INSERT INTO channel_claims (link_id, partner_id, channel_id, hub_id, client_id, claim, client_of_link, status, reason, decided_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7,
                CASE WHEN $7 IS FALSE THEN 'refused' ELSE 'claimed' END,
                CASE WHEN $7 IS FALSE THEN 'client_not_of_link' END,
                CASE WHEN $7 IS FALSE THEN now() END)
            ON CONFLICT (link_id, channel_id, claim) DO NOTHING
            RETURNING link_id, hub_id, client_id, claim, status, reason, claimed_at, decided_at""";

    /** Open claims on a channel whose client the webhooks named: a different client refuses, the same one confirms if the client is the link's. */
    private static final String DECIDE = """
            UPDATE channel_claims c SET
                status = CASE WHEN ch.client_id = c.client_id THEN 'confirmed' ELSE 'refused' END,
                reason = CASE WHEN ch.client_id = c.client_id THEN NULL ELSE 'channel_of_another_client' END,
                decided_at = now()
            FROM channels ch
            WHERE c.partner_id = $1 AND c.channel_id = $2 AND c.status = 'claimed'
              AND ch.partner_id = c.partner_id AND ch.channel_id = c.channel_id AND ch.client_id IS NOT NULL
              AND (ch.client_id <> c.client_id OR c.client_of_link)
            RETURNING c.link_id, c.hub_id, c.client_id, c.claim, c.status, c.reason, c.claimed_at, c.decided_at""";

    private final ChannelFacts facts;
    private final MeterRegistry meters;

    public ChannelClaims(ChannelFacts facts, MeterRegistry meters) {
        this.facts = facts;
        this.meters = meters;
    }

    /**
     * Records a redirect's claim on a channel and decides it if the facts are in.
     *
     * @param clientOfLink the claimed client belongs to the link; false refuses the claim at once, null (could not be
     *     checked) leaves it unconfirmed
     */
    public Uni<Void> record(SqlConnection tx, String linkId, String partnerId, String channelId, String hubId, String clientId,
            String claim, Boolean clientOfLink, Effects effects) {
        return tx.preparedQuery(RECORD)
                .execute(Tuple.from(new Object[] {linkId, partnerId, channelId, hubId, clientId, claim, clientOfLink}))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem(); // recorded before: a redelivery under a new event id
                    }
                    meters.counter("channel_claims_total", "outcome", "claimed").increment();
                    Row row = rows.iterator().next();
                    if (ChannelClaimDecided.REFUSED.equals(row.getString("status"))) {
                        announce(partnerId, channelId, row, effects);
                        return Uni.createFrom().voidItem();
                    }
                    return decide(tx, partnerId, channelId, effects);
                });
    }

    /** Decides the open claims on a channel once the facts allow; confirmed ones are applied in the order they were made. */
    public Uni<Void> decide(SqlConnection tx, String partnerId, String channelId, Effects effects) {
        return tx.preparedQuery(DECIDE).execute(Tuple.of(partnerId, channelId)).flatMap(rows -> {
            List<Row> decided = new ArrayList<>();
            rows.forEach(decided::add);
            decided.sort(Comparator.comparing(r -> r.getOffsetDateTime("claimed_at")));
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Row row : decided) {
                announce(partnerId, channelId, row, effects);
                if (ChannelClaimDecided.CONFIRMED.equals(row.getString("status"))) {
                    chain = chain.chain(() -> ChannelClaimDecided.GRANT.equals(row.getString("claim"))
                            ? facts.permit(tx, partnerId, channelId, effects)
                            : facts.revoke(tx, partnerId, channelId, effects));
                }
            }
            return chain;
        });
    }

    private void announce(String partnerId, String channelId, Row row, Effects effects) {
        String outcome = row.getString("status");
        meters.counter("channel_claims_total", "outcome", outcome).increment();
        Instant at = row.getOffsetDateTime("decided_at").toInstant();
        String clientId = row.getString("client_id");
        ChannelClaimDecided data = new ChannelClaimDecided(row.getString("link_id"), channelId, clientId, partnerId,
                row.getString("hub_id"), row.getString("claim"), outcome, row.getString("reason"), at);
        effects.emit(OutboxRecord.of(Topics.PROVISIONING_EVENTS, clientId, CloudEvent.of(UUID.randomUUID().toString(),
                ProvisioningEventTypes.SOURCE, ProvisioningEventTypes.CHANNEL_CLAIM_DECIDED, channelId, at, data)));
    }
}

package com.bsp.onboarding.link.progress;

import com.bsp.onboarding.eventing.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Channel progress in link-service's database. Each event is applied in one transaction with the claim
 * of its id in the {@link Inbox}, so a redelivery finds the id and changes nothing, and the caller
 * acknowledges the record only after the commit. An upsert moves a channel only forward in event time, so events that arrive out of order
 * (within a topic after a replay, or across the two topics) never put an older state back.
 */
@ApplicationScoped
public class ChannelProgressStore {

    // A missing data.status keeps the last known one: not every channel event carries it.
    private static final String APPLY_HUB_EVENT = """
            INSERT INTO channel_progress (partner_id, channel_id, client_id, hub_event, hub_status, hub_event_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, now())
            ON CONFLICT (partner_id, channel_id) DO UPDATE SET
                client_id = COALESCE(EXCLUDED.client_id, channel_progress.client_id),
                hub_event = EXCLUDED.hub_event,
                hub_status = COALESCE(EXCLUDED.hub_status, channel_progress.hub_status),
                hub_event_at = EXCLUDED.hub_event_at,
                updated_at = now()
            WHERE channel_progress.hub_event_at IS NULL OR channel_progress.hub_event_at <= EXCLUDED.hub_event_at
            """;

    // A later failure keeps provisioned_at (the channel was provisioned then); a later success clears the failure.
    private static final String APPLY_PROVISIONING = """
            INSERT INTO channel_progress (partner_id, channel_id, client_id, provisioning, provisioning_changed_at,
                                          provisioned_at, failure_step, failure_http_status, failure_code,
                                          failure_message, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
            ON CONFLICT (partner_id, channel_id) DO UPDATE SET
                client_id = COALESCE(EXCLUDED.client_id, channel_progress.client_id),
                provisioning = EXCLUDED.provisioning,
                provisioning_changed_at = EXCLUDED.provisioning_changed_at,
                provisioned_at = COALESCE(EXCLUDED.provisioned_at, channel_progress.provisioned_at),
                failure_step = EXCLUDED.failure_step,
                failure_http_status = EXCLUDED.failure_http_status,
                failure_code = EXCLUDED.failure_code,
                failure_message = EXCLUDED.failure_message,
                updated_at = now()
            WHERE channel_progress.provisioning_changed_at IS NULL
               OR channel_progress.provisioning_changed_at <= EXCLUDED.provisioning_changed_at
            """;

    // A decision is final: a redelivery under another id changes nothing.
    private static final String APPLY_CLAIM = """
            INSERT INTO link_channel_claims (link_id, channel_id, claim, outcome, reason, decided_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (link_id, channel_id, claim) DO NOTHING
            """;

    private static final String FIND_CLAIMS = """
            SELECT channel_id, claim, outcome, reason FROM link_channel_claims WHERE link_id = $1
            """;

    private static final String FIND = """
            SELECT channel_id, hub_event, hub_status, hub_event_at, provisioning, provisioned_at,
                   failure_step, failure_http_status, failure_code, failure_message
            FROM channel_progress WHERE partner_id = $1 AND channel_id = ANY($2)
            """;

    private final Pool pool;

    public ChannelProgressStore(Pool pool) {
        this.pool = pool;
    }

    /** Applies {@code event} unless its id was applied before; done once committed. */
    Uni<ApplyOutcome> apply(ProgressEvent event) {
        return pool.withTransaction(connection -> Inbox.claim(connection, event.eventId())
                .flatMap(claimed -> claimed ? upsert(connection, event) : Uni.createFrom().item(ApplyOutcome.DUPLICATE)));
    }

    /** The progress of {@code channelIds} of a partner; channels nothing was heard of yet have no row. */
    Uni<List<ChannelState>> find(String partnerId, List<String> channelIds) {
        return pool.preparedQuery(FIND).execute(Tuple.of(partnerId, channelIds.toArray(String[]::new)))
                .map(rows -> {
                    List<ChannelState> states = new ArrayList<>();
                    for (Row row : rows) {
                        states.add(state(row));
                    }
                    return states;
                });
    }

    /** What was decided about the channels {@code linkId}'s redirect claimed, by channel and claim ({@code grant}/{@code revoke}). */
    Uni<Map<String, ClaimDecision>> claims(UUID linkId) {
        return pool.preparedQuery(FIND_CLAIMS).execute(Tuple.of(linkId)).map(rows -> {
            Map<String, ClaimDecision> decisions = new HashMap<>();
            for (Row row : rows) {
                decisions.put(claimKey(row.getString("channel_id"), row.getString("claim")), new ClaimDecision(null, null,
                        row.getString("channel_id"), null, linkId, row.getString("claim"), row.getString("outcome"),
                        row.getString("reason"), null));
            }
            return decisions;
        });
    }

    static String claimKey(String channelId, String claim) {
        return claim + ":" + channelId;
    }

    private static Uni<ApplyOutcome> upsert(SqlConnection connection, ProgressEvent event) {
        Tuple values;
        String sql;
        if (event instanceof ClaimDecision decision) {
            sql = APPLY_CLAIM;
            values = Tuple.tuple().addUUID(decision.linkId()).addString(decision.channelId()).addString(decision.claim())
                    .addString(decision.outcome()).addString(decision.reason()).addOffsetDateTime(utc(decision.at()));
        } else if (event instanceof HubEvent hub) {
            sql = APPLY_HUB_EVENT;
            values = Tuple.tuple().addString(hub.partnerId()).addString(hub.channelId()).addString(hub.clientId())
                    .addString(hub.event()).addString(hub.status()).addOffsetDateTime(utc(hub.at()));
        } else {
            ProvisioningOutcome outcome = (ProvisioningOutcome) event;
            ProvisioningOutcome.Failure failure = outcome.failure();
            boolean provisioned = ProvisioningOutcome.PROVISIONED.equals(outcome.state());
            values = Tuple.tuple().addString(outcome.partnerId()).addString(outcome.channelId())
                    .addString(outcome.clientId()).addString(outcome.state()).addOffsetDateTime(utc(outcome.at()))
                    .addOffsetDateTime(provisioned ? utc(outcome.at()) : null)
                    .addString(failure == null ? null : failure.step())
                    .addInteger(failure == null ? null : failure.httpStatus())
                    .addInteger(failure == null ? null : failure.code())
                    .addString(failure == null ? null : failure.message());
            sql = APPLY_PROVISIONING;
        }
        return connection.preparedQuery(sql).execute(values)
                .map(rows -> rows.rowCount() == 0 ? ApplyOutcome.STALE : ApplyOutcome.APPLIED);
    }

    private static ChannelState state(Row row) {
        return new ChannelState(row.getString("channel_id"), row.getString("hub_event"), row.getString("hub_status"),
                instant(row.getOffsetDateTime("hub_event_at")), row.getString("provisioning"),
                instant(row.getOffsetDateTime("provisioned_at")), row.getString("failure_step"),
                row.getInteger("failure_http_status"), row.getInteger("failure_code"), row.getString("failure_message"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

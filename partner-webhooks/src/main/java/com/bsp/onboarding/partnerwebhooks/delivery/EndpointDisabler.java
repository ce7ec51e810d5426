package com.bsp.onboarding.partnerwebhooks.delivery;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.bsp.onboarding.eventing.outbox.OutboxRelay;
import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import com.bsp.onboarding.partnerwebhooks.PartnerWebhooksConfig;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEvent;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Disables the endpoints that have failed without a success for delivery.disable-after, and tells: an
 * endpoint-disabled event (outbox), a metric, and an {@code endpoint.disabled} message to the hub's other
 * enabled endpoints, all in the transaction that disables. The endpoint's pending deliveries stay pending
 * and go out once the hub enables it again.
 */
@ApplicationScoped
public class EndpointDisabler {

    private static final Logger LOG = Logger.getLogger(EndpointDisabler.class);

    private static final String DISABLE = """
            UPDATE endpoints SET enabled = false, disabled_reason = 'failing', disabled_at = now(), updated_at = now()
            WHERE enabled AND deleted_at IS NULL AND failing_since <= now() - $1 * interval '1 millisecond'
            RETURNING id, hub_id, url, failing_since, disabled_at""";

    private final Pool pool;
    private final MessageFanout fanout;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final long disableAfterMillis;
    private final Counter disabledCount;

    public EndpointDisabler(Pool pool, MessageFanout fanout, OutboxRelay relay, ObjectMapper json,
            PartnerWebhooksConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.fanout = fanout;
        this.relay = relay;
        this.json = json;
        this.disableAfterMillis = config.delivery().disableAfter().toMillis();
        this.disabledCount = Counter.builder("endpoints.disabled").description("Endpoints disabled for failing")
                .register(meters);
    }

    /** @return how many endpoints were disabled */
    Uni<Integer> disableLongFailing() {
        return pool.withTransaction(tx -> tx.preparedQuery(DISABLE).execute(Tuple.of(disableAfterMillis)).chain(rows -> {
            List<EndpointDisabled> disabled = new ArrayList<>();
            for (Row row : rows) {
                disabled.add(new EndpointDisabled(row.getString("id"), row.getString("hub_id"), host(row.getString("url")),
                        row.getOffsetDateTime("failing_since").toInstant(), row.getOffsetDateTime("disabled_at").toInstant()));
            }
            return tell(tx, disabled).replaceWith(disabled.size());
        })).invoke(n -> {
            if (n > 0) {
                disabledCount.increment(n);
                relay.wake();
            }
        });
    }

    private Uni<Void> tell(SqlClient tx, List<EndpointDisabled> disabled) {
        if (disabled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<OutboxRecord> events = new ArrayList<>();
        List<PartnerEvent> messages = new ArrayList<>();
        for (EndpointDisabled endpoint : disabled) {
            LOG.warnf("Endpoint %s of hub %s disabled: failing since %s", endpoint.endpointId(), endpoint.hubId(),
                    endpoint.failingSince());
            UUID eventId = UUID.randomUUID();
            events.add(OutboxRecord.of(EndpointDisabled.TOPIC, endpoint.endpointId(), CloudEvent.of(eventId.toString(),
                    EndpointDisabled.SOURCE, EndpointDisabled.TYPE, endpoint.endpointId(), endpoint.disabledAt(), endpoint)));
            messages.add(message(eventId, endpoint));
        }
        Uni<Void> written = OutboxWriter.append(tx, events);
        for (PartnerEvent message : messages) {
            written = written.chain(() -> fanout.publish(tx, message).replaceWithVoid());
        }
        return written;
    }

    private PartnerEvent message(UUID eventId, EndpointDisabled endpoint) {
        ObjectNode data = json.createObjectNode();
        data.put("endpoint_id", endpoint.endpointId());
        data.put("url_host", endpoint.urlHost());
        data.put("reason", "failing");
        data.put("failing_since", endpoint.failingSince().toString());
        data.put("disabled_at", endpoint.disabledAt().toString());
        return new PartnerEvent("msg_" + eventId.toString().replace("-", ""), endpoint.hubId(), null,
                PartnerEventTypes.ENDPOINT_DISABLED, endpoint.disabledAt(), data);
    }

    static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}

package com.bsp.onboarding.partnerwebhooks.support;

import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEvent;
import com.bsp.onboarding.partnerwebhooks.delivery.DeliveryDispatcher;
import com.bsp.onboarding.partnerwebhooks.delivery.MessageFanout;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stands in for the intake: partner events committed through the fan-out, then the dispatcher woken. */
public final class FanoutEvents {

    private FanoutEvents() {
    }

    public static PartnerEvent event(String hubId, String onboardingId, String type) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("onboarding_id", onboardingId);
        data.put("route", "io");
        data.put("partner_reference", "ref-" + onboardingId);
        return new PartnerEvent("msg_" + UUID.randomUUID().toString().replace("-", ""), hubId, onboardingId, type,
                Instant.now(), data);
    }

    /** In one transaction, in the order given. */
    public static void publish(Pool pool, MessageFanout fanout, DeliveryDispatcher dispatcher, List<PartnerEvent> events) {
        pool.withTransaction(tx -> Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(e -> fanout.publish(tx, e)).collect().asList())
                .await().atMost(Duration.ofSeconds(10));
        dispatcher.wake();
    }
}

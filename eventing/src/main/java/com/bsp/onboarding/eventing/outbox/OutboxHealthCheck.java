package com.bsp.onboarding.eventing.outbox;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports the relay's backlog. Deliberately not a readiness check: while Kafka is down the service keeps
 * committing state changes and their events into the outbox, so taking it out of rotation would only turn
 * a Kafka outage into an onboarding outage. Alert on {@code outbox_events_pending} instead.
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox-relay").up()
                .withData("pendingEvents", relay.pendingEvents());
        String failure = relay.lastFailure();
        if (failure != null) {
            response.withData("lastFailure", failure);
        }
        return response.build();
    }
}

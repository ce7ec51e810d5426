package com.bsp.onboarding.provisioner.inbox;

import com.bsp.onboarding.contracts.CloudEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Applies one input event inside the batch's transaction. */
public interface EventHandler {

    /** @throws UnusableEventException for an event that can never be applied (it is dead-lettered) */
    Uni<Void> apply(SqlConnection tx, CloudEvent<JsonNode> event, Effects effects);

    /** An input event this service cannot act on, however often it is retried. */
    final class UnusableEventException extends RuntimeException {
        public UnusableEventException(String reason) {
            super(reason, null, false, false);
        }
    }
}

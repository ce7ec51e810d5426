package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.eventing.outbox.OutboxWriter;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.provisioner.meta.MetaApp;
import com.bsp.onboarding.provisioner.meta.MetaApps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Ops start the provisioning of a WABA onboarded by webhook alone that waits for them ({@code awaiting_ops}: its
 * hub provisions on ops' word, or the webhook could not tell the hub). It runs with the hub's System User token.
 */
@ApplicationScoped
public class OpsProvisioning {

    public static final String OPS_PROVISION = "OPS_PROVISION";

    private final Pool pool;
    private final MetaApps apps;

    public OpsProvisioning(Pool pool, MetaApps apps) {
        this.pool = pool;
        this.apps = apps;
    }

    /** @param hubId the hub to provision it with; null keeps the one the webhook named */
    public Uni<Void> provision(String wabaId, String hubId) {
        return pool.withTransaction(tx -> WabaStore.lockForOps(tx, wabaId, "status, hub_id")
                .flatMap(row -> {
                    if (!Waba.AWAITING_OPS.equals(row.getString("status"))) {
                        throw Problem.of("conflict", "Conflict", 409,
                                "Only a WABA awaiting ops can be provisioned this way; this one is " + row.getString("status") + ".").exception();
                    }
                    String hub = hubId != null ? hubId : row.getString("hub_id");
                    if (hub == null && apps.severalHubs() || hub != null && apps.hub(hub).isEmpty()) {
                        throw Problem.of("invalid-parameters", "Invalid request parameters", 400, hub == null
                                ? "Name the hub (hub_id) whose Meta app and System User token provision this WABA."
                                : "No Meta hub " + hub + " is configured (provisioner.meta.hubs).").exception();
                    }
                    MetaApp app = apps.forHub(hub);
                    Instant now = Instant.now();
                    return tx.preparedQuery("""
                                    UPDATE wabas SET status = 'provisioning', hub_id = $2, current_step = COALESCE(current_step, 'subscribe_app'),
                                        step_attempts = 0, next_attempt_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now()
                                    WHERE waba_id = $1 RETURNING token_state, token_source""")
                            .execute(Tuple.of(wabaId, app.hubId()))
                            .flatMap(updated -> {
                                Row r = updated.iterator().next();
                                return WabaSteps.pendingFrom(tx, wabaId, WabaStep.SUBSCRIBE_APP)
                                        .chain(() -> OutboxWriter.append(tx, WabaEvents.lifecycleChanged(wabaId, app.hubId(), OPS_PROVISION,
                                                Waba.PROVISIONING, Waba.AWAITING_OPS, r.getString("token_state"), r.getString("token_source"),
                                                null, now)));
                            });
                }));
    }
}

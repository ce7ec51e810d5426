package com.bsp.onboarding.provisioner.waba;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The ops view's rows of a WABA's provisioning steps. */
final class WabaSteps {

    private WabaSteps() {
    }

    /** Makes {@code from} and every later provisioning step pending again (or for the first time). */
    static Uni<Void> pendingFrom(SqlClient tx, String wabaId, WabaStep from) {
        List<Tuple> rows = new ArrayList<>();
        for (WabaStep step : WabaStep.PROVISIONING.subList(WabaStep.PROVISIONING.indexOf(from), WabaStep.PROVISIONING.size())) {
            rows.add(Tuple.of(wabaId, step.wireName(), step.position()));
        }
        return tx.preparedQuery("""
                        INSERT INTO waba_steps (waba_id, step, position, status) VALUES ($1, $2, $3, 'pending')
                        ON CONFLICT (waba_id, step) DO UPDATE SET status = 'pending', attempts = 0, started_at = NULL,
                            finished_at = NULL, outcome = NULL, error = NULL""")
                .executeBatch(rows).replaceWithVoid();
    }
}

package com.bsp.onboarding.provisioner.support;

import static org.awaitility.Awaitility.await;

import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import java.time.Duration;

/**
 * Faults are injected per operation, not per WABA: a test waits until no other workflow is running, so
 * that no leftover (for instance events redelivered to an application restarted for another test profile)
 * takes the fault meant for its own WABA.
 */
public final class Quiescence {

    private Quiescence() {
    }

    public static void awaitNoWorkflowRunning() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> running() == 0);
    }

    private static long running() {
        return ((Number) TestDatabaseResource.query(ProvisionerTestResources.DATABASE,
                "SELECT (SELECT count(*) FROM wabas WHERE status IN ('provisioning', 'offboarding'))"
                        + " + (SELECT count(*) FROM channels WHERE status = 'provisioning') AS n").get(0).get("n")).longValue();
    }
}

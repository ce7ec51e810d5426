package com.bsp.onboarding.provisioner.support;

import com.bsp.onboarding.http.auth.Sha256;
import com.bsp.onboarding.testing.process.ServiceProcess;
import java.util.Map;

/** The packaged waba-provisioner as a separate process, configured for the test broker, database and emulator. */
public final class ProvisionerProcess {

    private ProvisionerProcess() {
    }

    public static ServiceProcess of(String database, String emulatorUrl) {
        return ServiceProcess.ofThisModule("waba-provisioner", database).withAll(Map.ofEntries(
                Map.entry("PROVISIONER_META_BASE_URL", emulatorUrl),
                Map.entry("PROVISIONER_META_APP_ID", "emulated-app"),
                Map.entry("PROVISIONER_META_SYSTEM_USER_TOKEN", "system-user-token-for-tests"),
                Map.entry("PROVISIONER_META_CREDIT_LINE_ID", "credit-line-1"),
                Map.entry("PROVISIONER_DIALOG360_PARTNER_API_URL", emulatorUrl + "/api/v2"),
                Map.entry("PROVISIONER_DIALOG360_MESSAGING_API_URL", emulatorUrl),
                Map.entry("PROVISIONER_STORAGE_KEYS_CURRENT", "s1"),
                Map.entry("PROVISIONER_STORAGE_KEYS_KEYS_S1", "c3RvcmFnZS1rZXktb25lLWZvci10ZXN0cy0zMmJ5dGU="),
                Map.entry("PROVISIONER_TRANSPORT_KEYS_CURRENT", ProvisionerTestResources.TRANSPORT_KEY_ID),
                Map.entry("PROVISIONER_TRANSPORT_KEYS_KEYS_T1", ProvisionerTestResources.TRANSPORT_KEY),
                // A short lease: a killed replica's WABAs are taken over 3 s after its last renewal.
                Map.entry("PROVISIONER_RUNNER_LEASE", "3s"),
                Map.entry("PROVISIONER_RETRY_INITIAL_BACKOFF", "100ms"),
                Map.entry("QUARKUS_REST_CLIENT_READ_TIMEOUT", "10000"),
                Map.entry("PROVISIONER_CALL_DEADLINE", "12s"),
                Map.entry("PROVISIONER_OPS_API_KEY_SHA256", Sha256.hex(OpsApi.OPS_KEY))));
    }
}

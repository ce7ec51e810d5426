package com.bsp.onboarding.provisioner.support;

import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.testing.process.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;

/** The packaged waba-provisioner as a separate process, configured for the test broker, database and emulator. */
public final class ProvisionerProcess {

    private final ServiceProcess process;

    public ProvisionerProcess(String database, String emulatorUrl) {
        process = new ServiceProcess("waba-provisioner", Path.of("."), Path.of("target/processes"), "256m").withAll(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", EmbeddedKafkaBroker.shared().bootstrapServers()),
                Map.entry("QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabaseResource.reactiveUrl(database)),
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", TestDatabaseResource.jdbcUrl(database)),
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
                Map.entry("PROVISIONER_OPS_API_KEY_SHA256", com.bsp.onboarding.http.auth.Sha256.hex(OpsApi.OPS_KEY))));
    }

    /** Overrides or adds an environment variable (configuration) for the next start. */
    public ProvisionerProcess with(String variable, String value) {
        process.with(variable, value);
        return this;
    }

    public void start() throws InterruptedException {
        process.start();
    }

    public void kill() throws InterruptedException {
        process.kill();
    }

    public void stop() throws InterruptedException {
        process.stop();
    }

    public String baseUrl() {
        return process.baseUrl();
    }
}

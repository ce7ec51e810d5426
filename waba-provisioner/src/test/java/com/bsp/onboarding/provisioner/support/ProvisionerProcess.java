package com.bsp.onboarding.provisioner.support;

import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The packaged service as a separate process, which a test can kill -9 and start again. */
public final class ProvisionerProcess {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Map<String, String> environment = new HashMap<>();
    private final int port;
    private final Path log;
    private Process process;

    public ProvisionerProcess(String database, String emulatorUrl) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        log = Files.createTempFile(Path.of("target"), "provisioner-process-", ".log");
        environment.putAll(Map.ofEntries(
                Map.entry("QUARKUS_HTTP_PORT", String.valueOf(port)),
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
                Map.entry("PROVISIONER_CALL_DEADLINE", "12s")));
    }

    /** Overrides or adds an environment variable (configuration) for the next start. */
    public ProvisionerProcess with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public Path log() {
        return log;
    }

    public void start() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("waba-provisioner exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("waba-provisioner did not become ready; see " + log);
    }

    /** SIGKILL: no shutdown hook runs, leases are not released, calls in flight are cut off. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}

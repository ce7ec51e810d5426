package com.bsp.onboarding.testing.process;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, configured
 * by environment variables as in production, which a test can start, kill -9 and start again.
 */
public final class ServiceProcess {

    private final String name;
    private final Path jar;
    private final Map<String, String> environment = new HashMap<>();
    private final int port;
    private final int managementPort;
    private final Path log;
    private final String maxHeap;
    private Process process;

    /**
     * @param moduleDir the service's module directory (holding target/quarkus-app)
     * @param logDir where {@code <name>.log} is written (appended across restarts)
     */
    public ServiceProcess(String name, Path moduleDir, Path logDir, String maxHeap) {
        this.name = name;
        this.jar = moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
        this.port = freePort();
        this.managementPort = freePort();
        this.maxHeap = maxHeap;
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.log = logDir.resolve(name + ".log");
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
    }

    /**
     * The packaged build of the module under test (tests run in its directory), logging to {@code target/processes},
     * with the shared test broker and test database {@code database}; a service's own settings come on top.
     */
    public static ServiceProcess ofThisModule(String name, String database) {
        return new ServiceProcess(name, Path.of("."), Path.of("target/processes"), "256m").withAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", EmbeddedKafkaBroker.shared().bootstrapServers(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabaseResource.reactiveUrl(database),
                "QUARKUS_DATASOURCE_JDBC_URL", TestDatabaseResource.jdbcUrl(database)));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets an environment variable (a configuration value) for the next start. */
    public ServiceProcess with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    public ServiceProcess withAll(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Starts the process without waiting; see {@link #awaitReady(Duration)}. */
    public ServiceProcess launch() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing (run ./mvnw package first)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
        return this;
    }

    /**
     * Waits until {@code /q/health/ready} answers 200: on the management interface (the services), or on the
     * main port for an application without one (the sandbox).
     */
    public ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (answersReady(http, managementUrl()) || answersReady(http, baseUrl())) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not become ready within " + timeout + "; see " + log);
    }

    private static boolean answersReady(HttpClient http, String base) throws IOException, InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        }
    }

    public ServiceProcess start() throws InterruptedException {
        return launch().awaitReady(Duration.ofSeconds(90));
    }

    /** SIGKILL: no shutdown hook runs, nothing is released, calls in flight are cut off. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM and wait: a graceful shutdown. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The management interface (health, metrics, OpenAPI) of a service that has one. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public Path log() {
        return log;
    }
}

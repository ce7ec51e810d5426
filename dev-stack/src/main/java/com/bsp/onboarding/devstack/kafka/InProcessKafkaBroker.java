package com.bsp.onboarding.devstack.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The real broker: a {@link KafkaRaftServer} running in this JVM. The client port and the log
 * directory are fixed when the object is built, so a stop/start cycle is a genuine outage and
 * recovery of the same broker with the same data.
 */
public final class InProcessKafkaBroker implements KafkaBroker {

    private static final Logger LOG = Logger.getLogger(InProcessKafkaBroker.class.getName());

    private final int port;
    private final Path logDir;
    private final boolean deleteLogDirOnExit;
    private final boolean fatalErrorsHaltJvm;
    private int controllerPort;
    private KafkaRaftServer server;
    private boolean shutdownHookInstalled;

    /**
     * @param port the client port; 0 picks a free one, kept for every restart
     * @param deleteLogDirOnExit whether the JVM's shutdown deletes the log directory
     * @param fatalErrorsHaltJvm let Kafka halt the JVM on a fatal error, as it does in production (the
     *     standalone dev broker); false turns it into a logged exception (a test JVM)
     */
    public InProcessKafkaBroker(int port, Path logDir, boolean deleteLogDirOnExit, boolean fatalErrorsHaltJvm) {
        this.port = port == 0 ? freePort() : port;
        this.logDir = logDir.toAbsolutePath();
        this.deleteLogDirOnExit = deleteLogDirOnExit;
        this.fatalErrorsHaltJvm = fatalErrorsHaltJvm;
    }

    @Override
    public String getBootstrapServers() {
        return BrokerProperties.HOST + ":" + port;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public String getLogDir() {
        return logDir.toString();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        withOwnContextClassLoader(this::startServer);
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            withOwnContextClassLoader(() -> shutdown(server));
        } finally {
            server = null;
        }
    }

    private void startServer() {
        KafkaLogLevels.quietKafka();
        if (!fatalErrorsHaltJvm) {
            keepJvmAliveOnFatalErrors();
        }
        installShutdownHookOnce();
        // Say so plainly rather than through three of Kafka's stack traces; the usual cause is
        // another Kafka already running on the dev port.
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " on " + BrokerProperties.HOST + " is already in use");
        }
        // Only the client port must survive a restart; the controller port is internal to this node.
        if (controllerPort == 0 || !isFree(controllerPort)) {
            controllerPort = freePort();
        }
        KafkaConfig config = KafkaConfig.fromProps(BrokerProperties.of(port, controllerPort, logDir), false);
        formatIfNew(config);
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns once the broker is registered and unfenced, i.e. ready for clients.
            starting.startup();
        } catch (Exception | LinkageError e) {
            // Scala code throws checked exceptions undeclared: catch them too, so a half-started
            // server never keeps its ports and threads.
            IllegalStateException failure = new IllegalStateException(
                    "Kafka broker failed to start on " + getBootstrapServers() + " with log dir " + logDir, e);
            try {
                shutdown(starting);
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        server = starting;
    }

    /**
     * Kafka instantiates some of its own classes by name through the thread context class loader.
     * The shared broker may be started or stopped through JMX from a thread of another Quarkus
     * application, whose context class loader holds a second copy of Kafka: the broker would then mix
     * the two copies and fail. So start and stop run with the class loader that loaded the broker,
     * which the threads the broker creates then inherit.
     */
    private static void withOwnContextClassLoader(Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(InProcessKafkaBroker.class.getClassLoader());
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private static void shutdown(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not shut down cleanly", e);
        }
    }

    private void formatIfNew(KafkaConfig config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(BrokerProperties.NODE_ID)
                    .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka log dir " + logDir, e);
        }
    }

    /**
     * Kafka answers a fatal fault by halting the process. Inside a test JVM that would end the whole
     * Surefire fork without a word, so the embedded broker turns it into a logged exception instead.
     * The standalone dev broker keeps Kafka's behaviour: there the process is the broker.
     */
    private static void keepJvmAliveOnFatalErrors() {
        Exit.Procedure refuse = (status, message) -> {
            String text = "Embedded Kafka broker asked to terminate the JVM (status " + status + "): " + message;
            LOG.severe(text);
            throw new IllegalStateException(text);
        };
        Exit.setExitProcedure(refuse);
        Exit.setHaltProcedure(refuse);
    }

    private void installShutdownHookOnce() {
        if (shutdownHookInstalled) {
            return;
        }
        shutdownHookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Embedded Kafka broker did not stop cleanly", e);
            }
            if (deleteLogDirOnExit) {
                deleteRecursively(logDir);
            }
        }, "embedded-kafka-shutdown"));
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not delete " + dir, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free TCP port on " + BrokerProperties.HOST, e);
        }
    }

    private static boolean isFree(int port) {
        // SO_REUSEADDR as a listener binds: connections of the previous run in TIME_WAIT must not count.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(BrokerProperties.HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

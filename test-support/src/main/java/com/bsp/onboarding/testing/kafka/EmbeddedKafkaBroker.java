package com.bsp.onboarding.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.bsp.onboarding.devstack.kafka.InProcessKafkaBroker;
import com.bsp.onboarding.devstack.kafka.KafkaBroker;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller roles) running inside this
 * JVM, listening on {@code 127.0.0.1}: dev-stack's {@link InProcessKafkaBroker} (the local stack's
 * broker too), shared by a test JVM's class loaders.
 *
 * <p>{@link #stop()} is a genuine outage: the listener closes and clients see the broker gone.
 * {@link #start()} after a stop (or {@link #restart()}) brings the same broker back on the same port
 * with the same log directory, so records written before the outage are still there.
 *
 * <p>Use {@link #shared()} in tests: one broker for the whole JVM, started on first use and stopped
 * (and its temporary log directory deleted) by a JVM shutdown hook.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static EmbeddedKafkaBroker shared;

    private final KafkaBroker control;

    /** A standalone broker on a free port with a temporary log directory deleted on JVM exit. */
    public EmbeddedKafkaBroker() {
        this(builder().inProcessBroker());
    }

    /** A standalone broker on {@code port} (0 picks a free one) keeping its data in {@code logDir}. */
    public EmbeddedKafkaBroker(int port, Path logDir) {
        this(builder().port(port).logDir(logDir).inProcessBroker());
    }

    private EmbeddedKafkaBroker(KafkaBroker control) {
        this.control = control;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JVM-wide test broker, started on the first call. */
    public static synchronized EmbeddedKafkaBroker shared() {
        if (shared == null) {
            shared = new EmbeddedKafkaBroker(SharedBrokerRegistry.obtain(() -> builder().inProcessBroker()));
            shared.start();
        }
        return shared;
    }

    /** {@code 127.0.0.1:port}; known before the first start and unchanged by restarts. */
    public String bootstrapServers() {
        return control.getBootstrapServers();
    }

    public int port() {
        return control.getPort();
    }

    public Path logDir() {
        return Path.of(control.getLogDir());
    }

    /** Starts the broker and returns when it accepts clients; does nothing if it is running. */
    public void start() {
        control.start();
    }

    /** Shuts the broker down cleanly and closes its ports; does nothing if it is stopped. */
    public void stop() {
        control.stop();
    }

    public void restart() {
        stop();
        start();
    }

    public boolean isRunning() {
        return control.isRunning();
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {
        private int port;
        private Path logDir;
        private Boolean deleteLogDirOnExit;

        private Builder() {
        }

        /** Client port; 0 (the default) picks a free port once, kept for every restart. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid port " + port);
            }
            this.port = port;
            return this;
        }

        /** Where the broker keeps its data; a new temporary directory by default. */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** Defaults to true for the temporary directory and false for a directory given here. */
        public Builder deleteLogDirOnExit(boolean delete) {
            this.deleteLogDirOnExit = delete;
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(inProcessBroker());
        }

        private InProcessKafkaBroker inProcessBroker() {
            Path dir = logDir != null ? logDir : newTempDir();
            boolean delete = deleteLogDirOnExit != null ? deleteLogDirOnExit : logDir == null;
            return new InProcessKafkaBroker(port, dir, delete, false);
        }

        private static Path newTempDir() {
            try {
                Path dir = Files.createTempDirectory("embedded-kafka-");
                // Covers a broker that is never started; a started one empties it in its shutdown hook first.
                dir.toFile().deleteOnExit();
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

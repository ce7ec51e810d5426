package com.bsp.onboarding.devstack.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns Kafka's INFO chatter (config dumps, every partition load, every group join) down to WARN.
 *
 * <p>The broker logs through SLF4J. In a Quarkus test SLF4J goes to the JBoss LogManager, which is
 * also the JUL LogManager there ({@code java.util.logging.manager}); in the standalone dev broker it
 * goes to plain JUL via slf4j-jdk14. Setting the level on the JUL logger therefore covers both, and the
 * JBoss logger is set directly too for a JVM where JBoss is SLF4J's backend but not JUL's manager.
 * A category that logging configuration already set explicitly is left alone, and Quarkus applies its
 * own {@code quarkus.log.category} settings after a test resource starts, so those still win.
 */
final class KafkaLogLevels {

    private static final List<String> CATEGORIES = List.of("kafka", "org.apache.kafka", "state.change.logger");

    // JUL holds loggers weakly: without these references a collected logger would lose its level.
    private static final List<Logger> QUIETED = new ArrayList<>();

    private KafkaLogLevels() {
    }

    static synchronized void quietKafka() {
        if (!QUIETED.isEmpty()) {
            return;
        }
        for (String category : CATEGORIES) {
            quiet(Logger.getLogger(category));
            Logger jboss = jbossLogger(category);
            if (jboss != null) {
                quiet(jboss);
            }
        }
    }

    private static void quiet(Logger logger) {
        if (logger.getLevel() == null) {
            logger.setLevel(Level.WARNING);
        }
        QUIETED.add(logger);
    }

    private static Logger jbossLogger(String category) {
        try {
            Class<?> type = Class.forName("org.jboss.logmanager.Logger", true, KafkaLogLevels.class.getClassLoader());
            return (Logger) type.getMethod("getLogger", String.class).invoke(null, category);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException absent) {
            return null;
        }
    }
}

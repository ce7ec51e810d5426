package com.bsp.onboarding.testing.kafka;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Supplier;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import com.bsp.onboarding.devstack.kafka.InProcessKafkaBroker;
import com.bsp.onboarding.devstack.kafka.KafkaBroker;

/**
 * Makes the shared broker one per JVM rather than one per class loader.
 *
 * <p>A Quarkus test run loads test-support in a new class loader for every application it boots
 * (each test profile, each class-restricted test resource), so a plain static field would start one
 * broker per application. The platform MBean server is the same object for every class loader, and
 * JMX proxies work across them because they only pass JDK types, so the first class loader registers
 * its broker there and every later one drives that same broker through a proxy.
 */
final class SharedBrokerRegistry {

    private static final String NAME = "com.bsp.onboarding.testing:type=EmbeddedKafkaBroker,name=shared";

    private SharedBrokerRegistry() {
    }

    static KafkaBroker obtain(Supplier<InProcessKafkaBroker> factory) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(NAME);
            if (server.isRegistered(name)) {
                return JMX.newMBeanProxy(server, name, KafkaBroker.class);
            }
            InProcessKafkaBroker local = factory.get();
            try {
                server.registerMBean(new StandardMBean(local, KafkaBroker.class), name);
                return local;
            } catch (InstanceAlreadyExistsException lostRace) {
                // Another class loader registered first; the local broker never started, drop its dir.
                InProcessKafkaBroker.deleteRecursively(Path.of(local.getLogDir()));
                return JMX.newMBeanProxy(server, name, KafkaBroker.class);
            }
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register the shared Kafka broker in JMX", e);
        }
    }
}

package com.bsp.onboarding.devstack.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Server properties of the single-node KRaft broker (combined broker + controller roles).
 * Tuned for tests and a local dev stack: one replica everywhere, few threads and partitions,
 * small buffers, so the broker starts in seconds and costs little heap on a 2-core machine.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {
    }

    static Properties of(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static one-voter quorum: the node elects itself at once, and restarting it with another
        // controller port is harmless because static voters are read from config, not from disk.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());

        // What the services expect from a dev/test broker.
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");

        // Internal topics default to 50 partitions: creating them would make the first consumer
        // group or transaction wait for 50 logs; 5 is plenty for one node.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");

        // Small footprint: the defaults are sized for production hardware (8 I/O threads,
        // a 128 MiB on-heap cleaner buffer, 10 MiB index files per segment).
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("group.coordinator.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        p.put("remote.log.manager.thread.pool.size", "1");

        // Bounded disk: a benchmark writes ~50 MB/s, and the default retention (7 days, unbounded size)
        // filled a 250 GB disk within an hour. At most 512 MiB per partition and one day, checked often.
        p.put("log.retention.bytes", String.valueOf(512L * 1024 * 1024));
        p.put("log.retention.hours", "24");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.retention.check.interval.ms", "30000");
        return p;
    }
}

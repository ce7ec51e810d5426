package com.bsp.onboarding.partnerwebhooks.support;

import com.bsp.onboarding.http.auth.Sha256;
import com.bsp.onboarding.testing.kafka.EmbeddedKafkaBroker;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.testing.process.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged partner-webhooks as a separate process, configured as in production by environment
 * variables, for the shared broker and a test database: one that a test can kill -9 and start again.
 * Receivers run on 127.0.0.1 over plain HTTP, so https and the private-address guard are off.
 */
public final class PartnerWebhooksProcess {

    private final ServiceProcess process;

    /** @param hubKeys hub id to that hub's API key */
    public PartnerWebhooksProcess(String database, Map<String, String> hubKeys) {
        process = new ServiceProcess("partner-webhooks", Path.of("."), Path.of("target/processes"), "256m").withAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", EmbeddedKafkaBroker.shared().bootstrapServers(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", TestDatabaseResource.reactiveUrl(database),
                "QUARKUS_DATASOURCE_JDBC_URL", TestDatabaseResource.jdbcUrl(database),
                "PARTNER_WEBHOOKS_STORAGE_KEYS_CURRENT", "s1",
                "PARTNER_WEBHOOKS_STORAGE_KEYS_KEYS_S1", "c3RvcmFnZS1rZXktb25lLWZvci10ZXN0cy0zMmJ5dGU=",
                "PARTNER_WEBHOOKS_DELIVERY_REQUIRE_HTTPS", "false",
                "PARTNER_WEBHOOKS_DELIVERY_ALLOW_PRIVATE_ADDRESSES", "true"));
        hubKeys.forEach((hub, key) -> process.with(
                "PARTNER_WEBHOOKS_HUBS_" + hub.toUpperCase(java.util.Locale.ROOT) + "_API_KEY_SHA256", Sha256.hex(key)));
    }

    /** Overrides or adds an environment variable (configuration) for the next start. */
    public PartnerWebhooksProcess with(String variable, String value) {
        process.with(variable, value);
        return this;
    }

    public void start() throws InterruptedException {
        process.start();
    }

    /** SIGKILL: nothing is released, deliveries in flight are cut off. */
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

package com.bsp.onboarding.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The configuration model itself: what it reads from the services, and that it refuses what they lack. */
class ConfigModelTest {

    private static final ServiceConfig LINK = ServiceConfig.load("link-service");
    private static final ServiceConfig INGEST = ServiceConfig.load("webhook-ingest");
    private static final ServiceConfig TOKEN = ServiceConfig.load("token-service");
    private static final ServiceConfig PROVISIONER = ServiceConfig.load("waba-provisioner");

    @Test
    void readsTheConfigMappingsOfEachServiceAndOfTheModulesItUses() {
        assertKnows(LINK, "link.public-base-url", "link.link-ttl", "link.hubs.*.partner-id",
                "link.hubs.*.platform-secret-file", "link.hubs.*.api-key-sha256", "link.hubs.*.allowed-redirect-hosts",
                "link.progress.hub-events", "eventing.inbox.prune-interval",
                // the eventing module's @ConfigMapping, a module link-service depends on
                "outbox.poll-interval", "outbox.max-backoff");
        assertKnows(INGEST, "ingest.meta.app-secret", "ingest.meta.previous-app-secret", "ingest.meta.verify-token",
                "ingest.dialog360.*.partner-id", "ingest.dialog360.*.channel-auth-key", "ingest.dialog360.*.previous-channel-auth-key",
                "ingest.dialog360.*.channel-auth-value", "ingest.kafka-timeout",
                "ingest.retry-after-seconds");
        assertKnows(TOKEN, "token.graph.app-secret", "token.graph.system-user-token", "token.graph.connect-attempts",
                "token.hubs.*.api-key-sha256", "token.storage-keys.current", "token.storage-keys.keys.*",
                "token.transport-keys.keys.*", "token.transport-keys.hubs.*.keys.*", "token.reseal-interval",
                // HostedSignupConfig, a second mapping under token.hosted
                "token.hosted.config-id", "token.hosted.allowed-message-origins", "token.hosted.session-ttl");
        assertKnows(PROVISIONER, "provisioner.meta.mode", "provisioner.meta.credit-line-id",
                "provisioner.dialog360.partner-api-url", "provisioner.hubs.*.partner-api-key",
                "provisioner.hubs.*.channel-webhook-key", "provisioner.transport-keys.hubs.*.current",
                "provisioner.channel-key-transport-keys.keys.*", "provisioner.channel-key-transport-keys.hubs.*.keys.*",
                "provisioner.runner.concurrency",
                "provisioner.retry.max-attempts", "provisioner.call-deadline", "provisioner.storage-keys.keys.*");
        assertFalse(INGEST.knownProperties().stream().anyMatch(p -> p.startsWith("outbox.")),
                "webhook-ingest has no outbox");
    }

    /**
     * The parser against reality: every key an application.properties sets under a @ConfigMapping prefix is a
     * property the parsed mapping has (SmallRye refuses unknown ones at start-up, so a miss is the parser's).
     * The sandbox module is included once it has a mapping.
     */
    @Test
    void everyMappedKeyOfTheServicesPropertiesIsAParsedProperty() {
        List<String> modules = new ArrayList<>(Repo.SERVICES);
        if (Files.isDirectory(Repo.path("sandbox/src/main/java"))) {
            modules.add("sandbox");
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String module : modules) {
            ServiceConfig service = ServiceConfig.load(module);
            for (String key : service.valuesInEveryProfile().keySet()) {
                if (service.mappingPrefixes().stream().anyMatch(prefix -> key.startsWith(prefix + "."))) {
                    checked++;
                    if (!ServiceConfig.matchesAny(key, service.mappingProperties())) {
                        problems.add(module + ": " + key + " is not among " + service.mappingProperties());
                    }
                }
            }
        }
        assertTrue(checked > 40, "only " + checked + " mapped keys found");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void mapsEnvironmentVariablesToProperties() {
        assertEquals(Optional.of("link.public-base-url"), LINK.propertyOf("LINK_PUBLIC_BASE_URL"));
        assertEquals(Optional.of("link.hubs.*.partner-id"), LINK.propertyOf("LINK_HUBS_ACME_PARTNER_ID"));
        assertEquals(Optional.of("link.hubs.*.partner-id"), LINK.propertyOf("LINK_HUBS_ACME_EU_PARTNER_ID"));
        assertEquals(Optional.of("token.storage-keys.keys.*"), TOKEN.propertyOf("TOKEN_STORAGE_KEYS_KEYS_K2"));
        assertEquals(Optional.of("quarkus.datasource.reactive.url"), LINK.propertyOf("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals(Optional.of("quarkus.datasource.*"), LINK.propertyOf("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals(Optional.of("kafka.bootstrap.servers"), INGEST.propertyOf("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(Optional.of("kafka.sasl.jaas.config"), INGEST.propertyOf("KAFKA_SASL_JAAS_CONFIG"));
        assertTrue(LINK.propertyOf("MP_MESSAGING_INCOMING_PROVISIONING_EVENTS_IN_MAX_POLL_RECORDS").isPresent());
        assertTrue(PROVISIONER.propertyOf("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_MAX_POLL_RECORDS").isPresent());
        assertTrue(TOKEN.propertyOf("QUARKUS_REST_CLIENT_GRAPH_READ_TIMEOUT").isPresent());
        assertTrue(TOKEN.isGroupPrefix("TOKEN_STORAGE_KEYS_"));
        assertTrue(PROVISIONER.isGroupPrefix("PROVISIONER_TRANSPORT_KEYS_"));
    }

    /** The negative test: misspelt and misplaced variables are refused, with the nearest real name. */
    @Test
    void refusesMisspeltOrForeignVariables() {
        assertEquals(Optional.empty(), LINK.propertyOf("LINK_PUBLC_BASE_URL"));
        assertTrue(LINK.explainUnknown("LINK_PUBLC_BASE_URL").contains("nearest: LINK_PUBLIC_BASE_URL"),
                LINK.explainUnknown("LINK_PUBLC_BASE_URL"));
        assertEquals(Optional.empty(), PROVISIONER.propertyOf("PROVISIONER_HUBS_DEMO_PARTNERID"));
        assertEquals(Optional.empty(), PROVISIONER.propertyOf("PROVISIONER_HUB_DEMO_PARTNER_ID"));
        assertEquals(Optional.empty(), LINK.propertyOf("LINK_HUBS_PARTNER_ID"), "a map key is required");
        // another service's setting
        assertEquals(Optional.empty(), PROVISIONER.propertyOf("TOKEN_GRAPH_APP_SECRET"));
        // webhook-ingest has no datasource and no rest client
        assertEquals(Optional.empty(), INGEST.propertyOf("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals(Optional.empty(), INGEST.propertyOf("QUARKUS_REST_CLIENT_GRAPH_URL"));
        // no such Quarkus root, no such channel, no such Kafka client setting
        assertEquals(Optional.empty(), LINK.propertyOf("QUARKUS_DATASOURC_REACTIVE_URL"));
        assertEquals(Optional.empty(), LINK.propertyOf("MP_MESSAGING_INCOMING_SIGNUPS_IN_TOPIC"));
        assertEquals(Optional.empty(), LINK.propertyOf("KAFKA_BOOTSTRAP_SERVER"));
        assertFalse(TOKEN.isGroupPrefix("TOKEN_STORAGE_KEY_"));
        assertFalse(TOKEN.isGroupPrefix("TOKEN_"), "a whole service's namespace is no group: anything could go in");
    }

    /** The negative test end to end: a misspelt variable added to a real manifest fails the check. */
    @Test
    void aMisspeltVariableInADeploymentIsCaught() {
        Manifests prod = Manifests.overlay("prod");
        JsonNode deployment = prod.get("Deployment", "link-service").deepCopy();
        ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
        ((ArrayNode) container.withArray("env")).addObject().put("name", "LINK_PUBLC_BASE_URL")
                .put("value", "https://onboarding.bsp.example");
        ((ArrayNode) container.withArray("env")).addObject().put("name", "INGEST_META_APP_SECRET")
                .put("value", "not-a-real-secret");
        List<String> problems = EnvCheck.kubernetesContainer(LINK, container, "link-service",
                name -> prod.find("ConfigMap", name).orElse(null));
        assertTrue(problems.stream().anyMatch(p -> p.contains("LINK_PUBLC_BASE_URL is no configuration property")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("INGEST_META_APP_SECRET is no configuration property")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("INGEST_META_APP_SECRET is a secret but has a literal")),
                problems.toString());

        // ... and in a ConfigMap a Deployment reads whole
        JsonNode configMap = prod.ofKind("ConfigMap").stream()
                .filter(c -> Manifests.nameOf(c).startsWith("waba-provisioner-config")).findFirst().orElseThrow().deepCopy();
        ((ObjectNode) configMap.path("data")).put("PROVISIONER_HUBS_DEMO_PARTNERID", "demoPartner");
        JsonNode provisioner = prod.get("Deployment", "waba-provisioner").path("spec").path("template").path("spec")
                .path("containers").get(0);
        List<String> fromConfigMap = EnvCheck.kubernetesContainer(PROVISIONER, provisioner, "waba-provisioner",
                name -> configMap);
        assertTrue(fromConfigMap.stream().anyMatch(p -> p.contains("PROVISIONER_HUBS_DEMO_PARTNERID")),
                fromConfigMap.toString());
    }

    @Test
    void tellsSecretsByTheirNames() {
        for (String secret : List.of("INGEST_META_APP_SECRET", "TOKEN_GRAPH_SYSTEM_USER_TOKEN", "QUARKUS_DATASOURCE_PASSWORD",
                "LINK_HUBS_ACME_API_KEY_SHA256", "PROVISIONER_HUBS_ACME_PARTNER_API_KEY", "TOKEN_STORAGE_KEYS_KEYS_K1",
                "INGEST_DIALOG360_ACME_CHANNEL_AUTH_VALUE", "INGEST_DIALOG360_ACME_CUSTOM_AUTH_VALUE",
                "PROVISIONER_HUBS_ACME_CHANNEL_WEBHOOK_KEY", "INGEST_DIALOG360_ACME_CHANNEL_AUTH_KEY", "KAFKA_SASL_JAAS_CONFIG", "LINK_HUBS_ACME_PLATFORM_SECRET")) {
            assertTrue(ServiceConfig.isSecretName(secret), secret);
        }
        for (String plain : List.of("TOKEN_GRAPH_BASE_URL", "LINK_SECRET_REFRESH_INTERVAL", "LINK_HUBS_ACME_PLATFORM_SECRET_FILE",
                "TOKEN_STORAGE_KEYS_CURRENT", "PROVISIONER_HUBS_ACME_CHANNEL_WEBHOOK_HEADER", "TOKEN_HOSTED_CONFIG_ID",
                "TOKEN_GRAPH_APP_ID", "QUARKUS_DATASOURCE_USERNAME", "KAFKA_BOOTSTRAP_SERVERS", "TOKEN_HOSTED_SESSION_TTL")) {
            assertFalse(ServiceConfig.isSecretName(plain), plain);
        }
    }

    @Test
    void namesMethodsInKebabCase() {
        assertEquals("api-key-sha256", ConfigMappings.kebab("apiKeySha256"));
        assertEquals("dialog360", ConfigMappings.kebab("dialog360"));
        assertEquals("storage-keys", ConfigMappings.kebab("storageKeys"));
        assertEquals("retry-after-seconds", ConfigMappings.kebab("retryAfterSeconds"));
    }

    @Test
    void readsTheQuarkusSettingsEachServiceNeedsForItsDeployment() {
        assertEquals(8081, LINK.httpPort());
        assertEquals(8082, INGEST.httpPort());
        assertEquals(8083, TOKEN.httpPort());
        assertEquals(8084, PROVISIONER.httpPort());
        for (ServiceConfig service : List.of(LINK, INGEST, TOKEN, PROVISIONER)) {
            assertEquals(20, service.shutdownTimeout().toSeconds(), service.module());
        }
        assertFalse(INGEST.hasDatasource());
        assertTrue(LINK.hasDatasource() && TOKEN.hasDatasource() && PROVISIONER.hasDatasource());
    }

    private static void assertKnows(ServiceConfig service, String... properties) {
        Set<String> known = service.knownProperties();
        for (String property : properties) {
            assertTrue(known.contains(property), service.module() + " should know " + property + "; knows " + known);
        }
    }
}

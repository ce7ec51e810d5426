package com.bsp.onboarding.deploychecks;

import static com.bsp.onboarding.deploychecks.OverlayManifestsTest.assertNoProblems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prod overlay's Kafka (Strimzi) and PostgreSQL (CloudNativePG), against the contract and the services. */
class ProdInfrastructureTest {

    private static Manifests PROD;

    @BeforeAll
    static void render() {
        PROD = Manifests.overlay("prod");
    }

    /** Each channel of asyncapi.yaml: its topic and its Kafka binding. */
    static Map<String, JsonNode> asyncApiTopics() {
        JsonNode asyncapi = Yaml.document(Repo.read(Repo.path("contracts/src/main/resources/asyncapi.yaml")), "asyncapi.yaml");
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        asyncapi.path("channels").forEach(channel -> topics.put(channel.path("address").asText(),
                channel.path("bindings").path("kafka")));
        return topics;
    }

    @Test
    void everyAsyncApiTopicIsAKafkaTopicWithItsPartitionsAndConfiguration() {
        Map<String, JsonNode> contract = asyncApiTopics();
        assertTrue(contract.size() >= 8, "asyncapi.yaml channels: " + contract.keySet());
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        for (JsonNode topic : PROD.ofKind("KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asText(Manifests.nameOf(topic));
            declared.put(name, topic);
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> channel : contract.entrySet()) {
            String name = channel.getKey();
            JsonNode binding = channel.getValue();
            JsonNode topic = declared.get(name);
            if (topic == null) {
                problems.add("no KafkaTopic for " + name);
                continue;
            }
            JsonNode spec = topic.path("spec");
            if (binding.path("partitions").isMissingNode()) {
                problems.add("asyncapi.yaml gives " + name + " no partitions");
            } else if (spec.path("partitions").asInt() != binding.path("partitions").asInt()) {
                problems.add(name + ": " + spec.path("partitions").asInt() + " partitions, the contract says "
                        + binding.path("partitions").asInt());
            }
            if (spec.path("replicas").asInt() != 3) {
                problems.add(name + ": replicas must be 3, is " + spec.path("replicas"));
            }
            JsonNode config = spec.path("config");
            if (!"2".equals(config.path("min.insync.replicas").asText())) {
                problems.add(name + ": min.insync.replicas must be 2, is " + config.path("min.insync.replicas"));
            }
            binding.path("topicConfiguration").fields().forEachRemaining(setting -> {
                String expected = kafkaValue(setting.getValue());
                String actual = config.has(setting.getKey()) ? kafkaValue(config.path(setting.getKey())) : null;
                if (!expected.equals(actual)) {
                    problems.add(name + ": " + setting.getKey() + " is " + actual + ", the contract says " + expected);
                }
            });
            if (!"onboarding-kafka".equals(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add(name + ": not labelled for the Kafka cluster (strimzi.io/cluster)");
            }
        }
        for (String name : declared.keySet()) {
            if (!contract.containsKey(name)) {
                problems.add("KafkaTopic " + name + " is not in asyncapi.yaml");
            }
        }
        assertNoProblems("prod KafkaTopics", problems);
    }

    @Test
    void kafkaIsAKraftClusterWithControllerAndBrokerPools() {
        List<JsonNode> clusters = PROD.ofKind("Kafka");
        assertEquals(1, clusters.size(), "one Kafka cluster");
        JsonNode kafka = clusters.get(0);
        String name = Manifests.nameOf(kafka);
        assertEquals("kafka.strimzi.io/v1", kafka.path("apiVersion").asText());
        JsonNode annotations = kafka.path("metadata").path("annotations");
        assertEquals("enabled", annotations.path("strimzi.io/kraft").asText(), "strimzi.io/kraft");
        assertEquals("enabled", annotations.path("strimzi.io/node-pools").asText(), "strimzi.io/node-pools");
        assertFalse(kafka.path("spec").has("zookeeper"), "KRaft: no ZooKeeper");
        JsonNode config = kafka.path("spec").path("kafka").path("config");
        assertEquals("2", config.path("min.insync.replicas").asText());
        assertEquals("false", config.path("auto.create.topics.enable").asText(), "topics come from KafkaTopics only");

        Set<String> roles = new TreeSet<>();
        for (JsonNode pool : PROD.ofKind("KafkaNodePool")) {
            assertEquals(name, pool.path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    Manifests.describe(pool) + " belongs to " + name);
            assertEquals(3, pool.path("spec").path("replicas").asInt(), Manifests.describe(pool) + " replicas");
            assertFalse(pool.path("spec").path("storage").isMissingNode(), Manifests.describe(pool) + " storage");
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
        }
        assertEquals(Set.of("broker", "controller"), roles, "controller and broker node pools");

        // Every service's KAFKA_BOOTSTRAP_SERVERS is this cluster's bootstrap Service on the listener's port.
        Set<Integer> listenerPorts = new TreeSet<>();
        kafka.path("spec").path("kafka").path("listeners").forEach(l -> listenerPorts.add(l.path("port").asInt()));
        for (JsonNode configMap : PROD.ofKind("ConfigMap")) {
            String bootstrap = configMap.path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText();
            if (bootstrap.isEmpty()) {
                continue;
            }
            String[] hostPort = bootstrap.split(":");
            assertEquals(name + "-kafka-bootstrap", hostPort[0], Manifests.describe(configMap));
            assertTrue(listenerPorts.contains(Integer.parseInt(hostPort[1])), Manifests.describe(configMap)
                    + ": no listener on " + hostPort[1]);
        }
    }

    /** What the contract lets each service do: "Write|Read|Describe topic:<name>" and "Read group:<name>". */
    static Map<String, Set<String>> contractAccess() {
        JsonNode asyncapi = Yaml.document(Repo.read(Repo.path("contracts/src/main/resources/asyncapi.yaml")), "asyncapi.yaml");
        Map<String, Set<String>> access = new LinkedHashMap<>();
        asyncapi.path("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            String service = operation.path("x-service").asText();
            assertFalse(service.isEmpty(), "operation " + entry.getKey() + " names no x-service");
            String ref = operation.path("channel").path("$ref").asText();
            String topic = asyncapi.path("channels").path(ref.substring(ref.lastIndexOf('/') + 1)).path("address").asText();
            assertFalse(topic.isEmpty(), "operation " + entry.getKey() + " has no channel address");
            Set<String> granted = access.computeIfAbsent(service, s -> new TreeSet<>());
            granted.add("Describe topic:" + topic);
            if ("send".equals(operation.path("action").asText())) {
                granted.add("Write topic:" + topic);
            } else {
                granted.add("Read topic:" + topic);
                String group = operation.path("x-consumer-group").asText();
                assertFalse(group.isEmpty(), "receive operation " + entry.getKey() + " names no x-consumer-group");
                granted.add("Read group:" + group);
            }
        });
        return access;
    }

    @Test
    void kafkaIsEncryptedAuthenticatedAndAuthorisedWithAUserPerServiceWhoseAclsAreTheContracts() {
        JsonNode kafka = PROD.ofKind("Kafka").get(0).path("spec").path("kafka");
        List<String> problems = new ArrayList<>();
        kafka.path("listeners").forEach(listener -> {
            if (!listener.path("tls").asBoolean()) {
                problems.add("listener " + listener.path("name").asText() + " is not TLS");
            }
            String authentication = listener.path("authentication").path("type").asText();
            if (!Set.of("scram-sha-512", "tls").contains(authentication)) {
                problems.add("listener " + listener.path("name").asText() + " authenticates with '" + authentication
                        + "', not scram-sha-512 or tls");
            }
        });
        if (!"simple".equals(kafka.path("authorization").path("type").asText())) {
            problems.add("Kafka authorization is not simple: " + kafka.path("authorization"));
        }

        Map<String, Set<String>> contract = contractAccess();
        Map<String, JsonNode> users = new LinkedHashMap<>();
        PROD.ofKind("KafkaUser").forEach(user -> users.put(Manifests.nameOf(user), user));
        for (String service : Repo.SERVICES) {
            JsonNode user = users.get(service);
            if (user == null) {
                problems.add("no KafkaUser " + service);
                continue;
            }
            JsonNode spec = user.path("spec");
            if (!"onboarding-kafka".equals(user.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add("KafkaUser " + service + " is not labelled for the cluster");
            }
            if (!"scram-sha-512".equals(spec.path("authentication").path("type").asText())) {
                problems.add("KafkaUser " + service + " does not authenticate with scram-sha-512");
            }
            Set<String> granted = new TreeSet<>();
            for (JsonNode acl : spec.path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                if (!"literal".equals(resource.path("patternType").asText("literal"))) {
                    problems.add("KafkaUser " + service + ": a " + resource.path("patternType").asText() + " ACL on "
                            + resource.path("name").asText() + " (only literal names)");
                }
                if (!acl.path("host").asText("*").equals("*") || "deny".equalsIgnoreCase(acl.path("type").asText("allow"))) {
                    problems.add("KafkaUser " + service + ": only allow ACLs of any host are expected");
                }
                acl.path("operations").forEach(operation -> granted.add(operation.asText() + " "
                        + resource.path("type").asText() + ":" + resource.path("name").asText()));
            }
            Set<String> expected = contract.getOrDefault(service, Set.of());
            if (!granted.equals(expected)) {
                Set<String> extra = new TreeSet<>(granted);
                extra.removeAll(expected);
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(granted);
                problems.add("KafkaUser " + service + ": granted beyond asyncapi.yaml " + extra + ", missing " + missing);
            }

            // The service connects as this user, over TLS.
            JsonNode container = PROD.get("Deployment", service).path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, JsonNode> env = new LinkedHashMap<>();
            container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
            if (!"SASL_SSL".equals(env.getOrDefault("KAFKA_SECURITY_PROTOCOL", com.fasterxml.jackson.databind.node.MissingNode.getInstance()).path("value").asText())) {
                problems.add(service + ": KAFKA_SECURITY_PROTOCOL is not SASL_SSL");
            }
            if (!"SCRAM-SHA-512".equals(env.getOrDefault("KAFKA_SASL_MECHANISM", com.fasterxml.jackson.databind.node.MissingNode.getInstance()).path("value").asText())) {
                problems.add(service + ": KAFKA_SASL_MECHANISM is not SCRAM-SHA-512");
            }
            JsonNode jaas = env.getOrDefault("KAFKA_SASL_JAAS_CONFIG", com.fasterxml.jackson.databind.node.MissingNode.getInstance()).path("valueFrom").path("secretKeyRef");
            if (!service.equals(jaas.path("name").asText()) || !"sasl.jaas.config".equals(jaas.path("key").asText())) {
                problems.add(service + ": KAFKA_SASL_JAAS_CONFIG is not its own KafkaUser's Secret (" + jaas + ")");
            }
        }
        for (String name : users.keySet()) {
            if (!Repo.SERVICES.contains(name)) {
                problems.add("KafkaUser " + name + " is no service");
            }
        }
        for (String service : contract.keySet()) {
            if (!Repo.SERVICES.contains(service)) {
                problems.add("asyncapi.yaml names service " + service + ", which does not exist");
            }
        }
        assertNoProblems("prod Kafka security", problems);
    }

    @Test
    void postgresHasADatabaseAndRolePerServiceWithADatabase() {
        List<JsonNode> clusters = PROD.ofKind("Cluster");
        assertEquals(1, clusters.size(), "one CloudNativePG Cluster");
        JsonNode cluster = clusters.get(0);
        String clusterName = Manifests.nameOf(cluster);
        JsonNode spec = cluster.path("spec");
        assertEquals(3, spec.path("instances").asInt(), "3 instances");

        Map<String, String> databases = new LinkedHashMap<>(); // database -> owner
        JsonNode initdb = spec.path("bootstrap").path("initdb");
        if (initdb.has("database")) {
            databases.put(initdb.path("database").asText(), initdb.path("owner").asText());
        }
        for (JsonNode database : PROD.ofKind("Database")) {
            if (clusterName.equals(database.path("spec").path("cluster").path("name").asText())) {
                databases.put(database.path("spec").path("name").asText(), database.path("spec").path("owner").asText());
            }
        }
        Map<String, String> rolePasswordSecrets = new LinkedHashMap<>();
        for (JsonNode role : spec.path("managed").path("roles")) {
            rolePasswordSecrets.put(role.path("name").asText(), role.path("passwordSecret").path("name").asText());
        }
        if (initdb.has("owner") && initdb.has("secret")) {
            rolePasswordSecrets.putIfAbsent(initdb.path("owner").asText(), initdb.path("secret").path("name").asText());
        }

        List<String> problems = new ArrayList<>();
        Set<String> owners = new TreeSet<>();
        for (String name : Repo.SERVICES) {
            ServiceConfig service = ServiceConfig.load(name);
            JsonNode container = PROD.get("Deployment", name).path("spec").path("template").path("spec")
                    .path("containers").get(0);
            Optional<String> url = configValue(container, "QUARKUS_DATASOURCE_REACTIVE_URL");
            if (!service.hasDatasource()) {
                if (url.isPresent()) {
                    problems.add(name + " has no database but is given one");
                }
                continue;
            }
            if (url.isEmpty()) {
                problems.add(name + ": no QUARKUS_DATASOURCE_REACTIVE_URL");
                continue;
            }
            URI uri = URI.create(url.get());
            String database = uri.getPath().substring(1);
            if (!(clusterName + "-rw").equals(uri.getHost())) {
                problems.add(name + ": the database host is " + uri.getHost() + ", not the primary " + clusterName + "-rw");
            }
            String jdbc = configValue(container, "QUARKUS_DATASOURCE_JDBC_URL").orElse("");
            if (!jdbc.equals("jdbc:" + url.get())) {
                problems.add(name + ": the JDBC URL (" + jdbc + ") is not the reactive one's database");
            }
            String owner = databases.get(database);
            if (owner == null) {
                problems.add(name + ": database " + database + " is created neither by bootstrap.initdb nor by a Database");
                continue;
            }
            if (!owners.add(owner)) {
                problems.add(name + ": role " + owner + " owns another service's database too");
            }
            String passwordSecret = secretOf(container, "QUARKUS_DATASOURCE_PASSWORD");
            String usernameSecret = secretOf(container, "QUARKUS_DATASOURCE_USERNAME");
            if (!rolePasswordSecrets.containsKey(owner)) {
                problems.add(name + ": role " + owner + " is not managed by the cluster");
            } else if (!rolePasswordSecrets.get(owner).equals(passwordSecret) || !passwordSecret.equals(usernameSecret)) {
                problems.add(name + ": connects with Secret " + usernameSecret + "/" + passwordSecret + ", but role " + owner
                        + " has its password from " + rolePasswordSecrets.get(owner));
            }
        }
        assertEquals(Set.of("link_service", "token_service", "waba_provisioner", "partner_webhooks"), databases.keySet(),
                "one database per stateful service");
        assertNoProblems("prod PostgreSQL", problems);
    }

    /** A ConfigMap value the container reads through envFrom (or a literal env value). */
    private static Optional<String> configValue(JsonNode container, String env) {
        for (JsonNode entry : container.path("env")) {
            if (env.equals(entry.path("name").asText()) && entry.has("value")) {
                return Optional.of(entry.path("value").asText());
            }
        }
        for (JsonNode source : container.path("envFrom")) {
            String mapName = source.path("configMapRef").path("name").asText();
            Optional<JsonNode> configMap = PROD.find("ConfigMap", mapName);
            if (configMap.isPresent() && configMap.get().path("data").has(env)) {
                return Optional.of(configMap.get().path("data").path(env).asText());
            }
        }
        return Optional.empty();
    }

    private static String secretOf(JsonNode container, String env) {
        for (JsonNode entry : container.path("env")) {
            if (env.equals(entry.path("name").asText())) {
                return entry.path("valueFrom").path("secretKeyRef").path("name").asText();
            }
        }
        return "";
    }

    /** Kafka's text form of a configuration value: lists are comma-separated. */
    private static String kafkaValue(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }
}

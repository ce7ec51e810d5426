package com.bsp.onboarding.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CloudNativePG objects, checked by hand (no model of postgresql.cnpg.io/v1 is published on Maven Central):
 * the fields the deployment relies on, and no unknown field at the levels it writes.
 */
final class CloudNativePg {

    /** spec fields of postgresql.cnpg.io/v1 Cluster (CloudNativePG 1.25+ API reference). */
    private static final Set<String> CLUSTER_SPEC = Set.of("description", "inheritedMetadata", "imageCatalogRef",
            "imageName", "imagePullPolicy", "schedulerName", "postgresUID", "postgresGID", "instances",
            "minSyncReplicas", "maxSyncReplicas", "postgresql", "replicationSlots", "bootstrap", "replica",
            "superuserSecret", "enableSuperuserAccess", "certificates", "imagePullSecrets", "storage",
            "serviceAccountTemplate", "walStorage", "ephemeralVolumeSource", "startDelay", "stopDelay",
            "smartShutdownTimeout", "switchoverDelay", "failoverDelay", "livenessProbeTimeout", "affinity",
            "topologySpreadConstraints", "resources", "ephemeralVolumesSizeLimit", "priorityClassName",
            "primaryUpdateStrategy", "primaryUpdateMethod", "backup", "nodeMaintenanceWindow", "monitoring",
            "externalClusters", "logLevel", "projectedVolumeTemplate", "env", "envFrom", "managed", "seccompProfile",
            "tablespaces", "enablePDB", "plugins", "probes", "podSecurityContext", "securityContext");
    private static final Set<String> INITDB = Set.of("database", "owner", "secret", "options", "dataChecksums",
            "encoding", "localeCollate", "localeCType", "locale", "localeProvider", "icuLocale", "icuRules",
            "builtinLocale", "walSegmentSize", "postInitSQL", "postInitApplicationSQL", "postInitTemplateSQL",
            "import", "postInitApplicationSQLRefs", "postInitTemplateSQLRefs", "postInitSQLRefs");
    private static final Set<String> ROLE = Set.of("name", "comment", "ensure", "passwordSecret", "connectionLimit",
            "validUntil", "inRoles", "inherit", "disablePassword", "superuser", "createdb", "createrole", "login",
            "replication", "bypassrls");
    private static final Set<String> DATABASE_SPEC = Set.of("cluster", "ensure", "name", "owner", "template",
            "encoding", "locale", "localeProvider", "localeCollate", "localeCType", "icuLocale", "icuRules",
            "builtinLocale", "collationVersion", "isTemplate", "allowConnections", "connectionLimit", "tablespace",
            "databaseReclaimPolicy", "schemas", "extensions", "fdws", "servers");

    private CloudNativePg() {
    }

    static List<String> check(JsonNode object) {
        List<String> problems = new ArrayList<>();
        String id = Manifests.describe(object);
        JsonNode spec = object.path("spec");
        switch (object.path("kind").asText()) {
            case "Cluster" -> {
                unknown(id + " spec", spec, CLUSTER_SPEC, problems);
                if (!spec.path("instances").isInt() || spec.path("instances").asInt() < 1) {
                    problems.add(id + ": spec.instances must be a positive number");
                }
                if (spec.path("storage").path("size").asText().isEmpty()
                        && spec.path("storage").path("pvcTemplate").isMissingNode()) {
                    problems.add(id + ": spec.storage.size is required");
                }
                JsonNode bootstrap = spec.path("bootstrap");
                if (!(bootstrap.has("initdb") || bootstrap.has("recovery") || bootstrap.has("pg_basebackup"))) {
                    problems.add(id + ": spec.bootstrap needs initdb, recovery or pg_basebackup");
                }
                unknown(id + " spec.bootstrap.initdb", bootstrap.path("initdb"), INITDB, problems);
                JsonNode initdb = bootstrap.path("initdb");
                if (initdb.has("database") != initdb.has("owner")) {
                    problems.add(id + ": bootstrap.initdb names a database without its owner, or the reverse");
                }
                for (JsonNode role : spec.path("managed").path("roles")) {
                    unknown(id + " managed role " + role.path("name").asText(), role, ROLE, problems);
                    if (role.path("name").asText().isEmpty()) {
                        problems.add(id + ": a managed role without a name");
                    }
                }
            }
            case "Database" -> {
                unknown(id + " spec", spec, DATABASE_SPEC, problems);
                for (String field : List.of("name", "owner")) {
                    if (spec.path(field).asText().isEmpty()) {
                        problems.add(id + ": spec." + field + " is required");
                    }
                }
                if (spec.path("cluster").path("name").asText().isEmpty()) {
                    problems.add(id + ": spec.cluster.name is required");
                }
            }
            default -> problems.add(id + ": not a CloudNativePG kind this check knows");
        }
        return problems;
    }

    private static void unknown(String where, JsonNode node, Set<String> known, List<String> problems) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(where + ": unknown field " + field);
            }
        });
    }
}

package com.bsp.onboarding.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the environment a service's container gets against the service's configuration model: every
 * variable must set a real property, and no secret may be given as a literal value.
 */
final class EnvCheck {

    private EnvCheck() {
    }

    /**
     * Problems with a Kubernetes container's environment: its {@code env} entries, the keys of the ConfigMaps
     * it reads whole ({@code envFrom}, resolved through {@code configMaps}), and the prefixes of Secrets it
     * reads whole (which must name a group of properties, e.g. a key ring).
     */
    static List<String> kubernetesContainer(ServiceConfig service, JsonNode container, String where,
            Function<String, JsonNode> configMaps) {
        List<String> problems = new ArrayList<>();
        for (JsonNode entry : container.path("env")) {
            String env = entry.path("name").asText();
            if (service.propertyOf(env).isEmpty()) {
                problems.add(where + ": " + service.explainUnknown(env));
            }
            if (entry.has("value") && ServiceConfig.isSecretName(env)) {
                problems.add(where + ": " + env + " is a secret but has a literal value; use valueFrom.secretKeyRef");
            }
            JsonNode from = entry.path("valueFrom");
            if (from.has("configMapKeyRef") && ServiceConfig.isSecretName(env)) {
                problems.add(where + ": " + env + " is a secret but comes from a ConfigMap; use a Secret");
            }
        }
        for (JsonNode source : container.path("envFrom")) {
            String prefix = source.path("prefix").asText("");
            if (source.has("configMapRef")) {
                String mapName = source.path("configMapRef").path("name").asText();
                JsonNode configMap = configMaps.apply(mapName);
                if (configMap == null) {
                    problems.add(where + ": envFrom names ConfigMap " + mapName + ", which the manifests do not define");
                    continue;
                }
                for (Map.Entry<String, String> data : Manifests.labels(configMap.path("data")).entrySet()) {
                    String env = prefix + data.getKey();
                    if (service.propertyOf(env).isEmpty()) {
                        problems.add(where + " (ConfigMap " + mapName + "): " + service.explainUnknown(env));
                    }
                    if (ServiceConfig.isSecretName(env)) {
                        problems.add(where + " (ConfigMap " + mapName + "): " + env
                                + " is a secret; it belongs in a Secret, not a ConfigMap");
                    }
                }
            } else if (source.has("secretRef")) {
                if (prefix.isEmpty() || !service.isGroupPrefix(prefix)) {
                    problems.add(where + ": envFrom of Secret " + source.path("secretRef").path("name").asText()
                            + " with prefix '" + prefix + "' names no configuration group of " + service.module()
                            + " (its keys could set anything); use a prefix such as TOKEN_STORAGE_KEYS_");
                }
            }
        }
        return problems;
    }

    /** Problems with the variables of a docker-compose service (names only: compose is a local demo). */
    static List<String> names(ServiceConfig service, Iterable<String> names, String where) {
        List<String> problems = new ArrayList<>();
        for (String env : names) {
            if (service.propertyOf(env).isEmpty()) {
                problems.add(where + ": " + service.explainUnknown(env));
            }
        }
        return problems;
    }
}

package com.bsp.onboarding.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The objects of one rendered overlay, with the look-ups the checks need. */
final class Manifests {

    private final String name;
    private final List<JsonNode> objects;

    private Manifests(String name, List<JsonNode> objects) {
        this.name = name;
        this.objects = objects;
    }

    /** Renders deploy/overlays/{overlay} with kubectl kustomize. */
    static Manifests overlay(String overlay) {
        String yaml = Kubectl.kustomize(Repo.path("deploy/overlays/" + overlay));
        return new Manifests("deploy/overlays/" + overlay, Yaml.documents(yaml, "deploy/overlays/" + overlay));
    }

    static Manifests of(String name, List<JsonNode> objects) {
        return new Manifests(name, objects);
    }

    String name() {
        return name;
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String objectName) {
        return ofKind(kind).stream().filter(o -> objectName.equals(o.path("metadata").path("name").asText()))
                .findFirst();
    }

    JsonNode get(String kind, String objectName) {
        return find(kind, objectName).orElseThrow(
                () -> new AssertionError(name + " has no " + kind + " " + objectName));
    }

    /** The rendered text of every object, for searches of forbidden strings. */
    String text() {
        return objects.toString();
    }

    static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + nameOf(object);
    }

    static Map<String, String> labels(JsonNode labelsNode) {
        Map<String, String> labels = new LinkedHashMap<>();
        labelsNode.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Whether a LabelSelector (matchLabels, matchExpressions) selects the given labels; {} selects all. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        for (Map.Entry<String, String> required : labels(selector.path("matchLabels")).entrySet()) {
            if (!required.getValue().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            String value = labels.get(key);
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("Unknown selector operator in " + selector);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A Service selector (a plain map) against labels. */
    static boolean serviceSelects(JsonNode selector, Map<String, String> labels) {
        Map<String, String> required = labels(selector);
        return !required.isEmpty() && required.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }
}

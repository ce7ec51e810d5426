package com.bsp.onboarding.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reading docker-compose.yml: which repository module a service builds, and the environment it gets. */
final class DockerCompose {

    private DockerCompose() {
    }

    static JsonNode file() {
        return Yaml.document(Repo.read(Repo.path("docker-compose.yml")), "docker-compose.yml");
    }

    /** The environment of a compose service, in either of compose's forms (a map, or a list of NAME=value). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String text = item.asText();
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        }
        return env;
    }

    /**
     * The repository module a compose service is built from (its build context, when that is a module
     * directory of this repository with a Quarkus configuration), or empty for third-party images.
     */
    static Optional<String> module(JsonNode service) {
        JsonNode build = service.path("build");
        String context = build.isTextual() ? build.asText() : build.path("context").asText("");
        if (context.isEmpty()) {
            return Optional.empty();
        }
        Path dir = Repo.root().resolve(context).normalize();
        if (!dir.startsWith(Repo.root()) || !Files.isRegularFile(dir.resolve("pom.xml"))) {
            return Optional.empty();
        }
        return Optional.of(Repo.root().relativize(dir).toString());
    }
}

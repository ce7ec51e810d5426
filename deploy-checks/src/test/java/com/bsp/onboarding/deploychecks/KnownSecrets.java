package com.bsp.onboarding.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo and test secrets the repository carries on purpose (application.properties' %dev/%test values,
 * run-local.sh, docker-compose.yml). None of them may ever reach a deployment manifest.
 */
final class KnownSecrets {

    private static final Pattern SHELL_ASSIGNMENT = Pattern.compile("\\b([A-Z][A-Z0-9_]*)=([^\\s\"'$`;)]+)");

    private KnownSecrets() {
    }

    static Set<String> all() {
        Set<String> secrets = new TreeSet<>();
        for (String module : modules()) {
            ServiceConfig service = ServiceConfig.load(module);
            for (Map.Entry<String, List<String>> property : service.valuesInEveryProfile().entrySet()) {
                if (ServiceConfig.isSecretName(ServiceConfig.toEnv(property.getKey()))) {
                    property.getValue().forEach(value -> add(secrets, value));
                }
            }
        }
        if (Files.isRegularFile(Repo.path("run-local.sh"))) {
            Matcher m = SHELL_ASSIGNMENT.matcher(Repo.read(Repo.path("run-local.sh")));
            while (m.find()) {
                if (ServiceConfig.isSecretName(m.group(1))) {
                    add(secrets, m.group(2));
                }
            }
        }
        if (Files.isRegularFile(Repo.path("docker-compose.yml"))) {
            JsonNode compose = Yaml.document(Repo.read(Repo.path("docker-compose.yml")), "docker-compose.yml");
            compose.path("services").forEach(service -> DockerCompose.environment(service).forEach((name, value) -> {
                if (ServiceConfig.isSecretName(name)) {
                    add(secrets, value);
                }
            }));
        }
        return secrets;
    }

    private static List<String> modules() {
        List<String> modules = new java.util.ArrayList<>(Repo.SERVICES);
        if (Files.isRegularFile(Repo.path("sandbox/src/main/resources/application.properties"))) {
            modules.add("sandbox");
        }
        return modules;
    }

    private static void add(Set<String> secrets, String value) {
        String v = value == null ? "" : value.trim();
        // Expressions, key ids (k1, t1) and plain words (an option such as "signature" of a setting whose name
        // merely looks secret) are no secrets; everything else of some length is.
        if (v.length() >= 8 && !v.contains("${") && !v.matches("[a-z]+")) {
            secrets.add(v);
        }
    }
}

package com.bsp.onboarding.deploychecks;

import static com.bsp.onboarding.deploychecks.OverlayManifestsTest.assertNoProblems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml passes every service settings through its environment: each one must exist in that
 * service's configuration, so a typo (or a renamed property) fails here instead of being silently ignored
 * at run time.
 */
class DockerComposeConfigTest {

    @Test
    void everySettingPassedToAServiceExistsInItsConfiguration() {
        JsonNode compose = DockerCompose.file();
        List<String> problems = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        compose.path("services").fields().forEachRemaining(entry -> {
            Optional<String> module = DockerCompose.module(entry.getValue());
            if (module.isEmpty()) {
                return; // a third-party image (Kafka, PostgreSQL)
            }
            ServiceConfig service = ServiceConfig.load(module.get());
            checked.add(entry.getKey());
            problems.addAll(EnvCheck.names(service, DockerCompose.environment(entry.getValue()).keySet(),
                    "docker-compose.yml service " + entry.getKey()));
        });
        Set<String> expected = new TreeSet<>(Repo.SERVICES);
        if (compose.path("services").has("sandbox") && Files.isDirectory(Repo.path("sandbox"))) {
            expected.add("sandbox");
        }
        assertTrue(checked.containsAll(expected), "checked " + checked + ", expected at least " + expected);
        assertNoProblems("docker-compose.yml", problems);
    }

    /** The negative test: a misspelt setting in a compose file is caught, whichever form the environment has. */
    @Test
    void aMisspeltSettingIsCaught() {
        JsonNode compose = Yaml.document("""
                services:
                  link-service:
                    build: link-service
                    environment:
                      LINK_PUBLIC_BASE_URL: http://localhost:8081
                      LINK_PUBLC_BASE_URL: http://localhost:8081
                  waba-provisioner:
                    build:
                      context: waba-provisioner
                    environment:
                      - PROVISIONER_HUBS_DEMO_PARTNER_ID=demoPartner
                      - PROVISIONER_HUBS_DEMO_PARTNERID=demoPartner
                """, "test compose");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : iterable(compose.path("services"))) {
            ServiceConfig service = ServiceConfig.load(DockerCompose.module(entry.getValue()).orElseThrow());
            problems.addAll(EnvCheck.names(service, DockerCompose.environment(entry.getValue()).keySet(), entry.getKey()));
        }
        assertTrue(problems.size() == 2, problems.toString());
        assertTrue(problems.get(0).contains("LINK_PUBLC_BASE_URL is no configuration property of link-service"), problems.get(0));
        assertTrue(problems.get(1).contains("PROVISIONER_HUBS_DEMO_PARTNERID"), problems.get(1));
    }

    private static List<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        object.fields().forEachRemaining(entries::add);
        return entries;
    }
}

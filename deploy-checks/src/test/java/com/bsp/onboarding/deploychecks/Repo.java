package com.bsp.onboarding.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the repository's files are: the module runs from deploy-checks/, the files it checks are beside it. */
final class Repo {

    /** The five services the deployment runs, with their module directories. */
    static final java.util.List<String> SERVICES =
            java.util.List.of("link-service", "webhook-ingest", "token-service", "waba-provisioner", "partner-webhooks");

    /**
     * The Deployments, each with the service module whose image and configuration it runs: one per service, and
     * webhook-ingest's typed stage as a second Deployment of webhook-ingest (ingest.roles).
     */
    static final java.util.Map<String, String> DEPLOYMENTS = deployments();

    private static java.util.Map<String, String> deployments() {
        java.util.Map<String, String> deployments = new java.util.LinkedHashMap<>();
        SERVICES.forEach(service -> deployments.put(service, service));
        deployments.put("webhook-ingest-typed-stage", "webhook-ingest");
        return java.util.Collections.unmodifiableMap(deployments);
    }

    private static final Path ROOT = findRoot();

    private Repo() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findRoot() {
        String configured = System.getProperty("repo.root");
        Path start = configured != null ? Paths.get(configured) : Paths.get("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("contracts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (a directory with pom.xml, deploy/ and "
                + "contracts/) from " + start);
    }
}

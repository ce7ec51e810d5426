package com.bsp.onboarding.deploychecks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize}, as ops would apply it. The binary is the one
 * named by the KUBECTL environment variable, else {@code kubectl} on the PATH (Debian's kubernetes-client
 * package provides one; the manifests stay within what its kustomize v2.0.3 understands).
 */
final class Kubectl {

    private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

    private Kubectl() {
    }

    static Path binary() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured);
            if (!Files.isExecutable(path)) {
                throw new AssertionError("KUBECTL=" + configured + " is not an executable file");
            }
            return path;
        }
        return findOnPath("kubectl").orElseThrow(() -> new AssertionError(
                "kubectl is not installed: the deployment checks render deploy/overlays/* with `kubectl kustomize`. "
                        + "Install it (Debian: apt-get install -y kubernetes-client) or point the KUBECTL "
                        + "environment variable at a kubectl binary."));
    }

    /** The rendered YAML of a kustomization directory (cached: each overlay is rendered once per run). */
    static String kustomize(Path directory) {
        return RENDERED.computeIfAbsent(directory.toAbsolutePath().normalize(), Kubectl::render);
    }

    private static String render(Path directory) {
        if (!Files.isRegularFile(directory.resolve("kustomization.yaml"))) {
            throw new AssertionError("No kustomization.yaml in " + directory);
        }
        List<String> command = List.of(binary().toString(), "kustomize", directory.toString());
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + err.join());
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

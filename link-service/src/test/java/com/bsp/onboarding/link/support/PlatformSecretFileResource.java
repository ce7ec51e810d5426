package com.bsp.onboarding.link.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Gives the beta hub its platform secret through a file, as a mounted Kubernetes Secret would. */
public class PlatformSecretFileResource implements QuarkusTestResourceLifecycleManager {

    public static final String INITIAL_SECRET = "beta-secret-before-rotation";
    private static Path file;

    public static Path secretFile() {
        return file;
    }

    @Override
    public Map<String, String> start() {
        try {
            file = Files.createTempFile("beta-platform-secret", ".txt");
            Files.writeString(file, INITIAL_SECRET + "\n");
            return Map.of("link.hubs.beta.platform-secret-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}

package com.bsp.onboarding.sandbox.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a JavaScript file with Node.js, when the machine has it (as token-service's page script test does). */
final class JsNode {

    private JsNode() {
    }

    static boolean available() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Node's standard output; an AssertionError carrying it when the script fails. */
    static String run(Path script) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("node did not finish within 60 s");
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (node.exitValue() != 0) {
            throw new AssertionError("node exited with " + node.exitValue() + ":\n" + output);
        }
        return output;
    }
}

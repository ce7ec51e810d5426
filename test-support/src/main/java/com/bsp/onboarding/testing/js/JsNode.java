package com.bsp.onboarding.testing.js;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a JavaScript file with Node.js, for tests of browser scripts; callers skip when {@link #available()} is false. */
public final class JsNode {

    private JsNode() {
    }

    public static boolean available() {
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

    /** Exit code 0 or an AssertionError carrying Node's output. */
    public static String run(Path script) throws IOException, InterruptedException {
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

    public static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** The text between the first {@code start} and the next {@code end}. */
    public static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            throw new AssertionError("'" + start + "' not found");
        }
        from += start.length();
        int to = text.indexOf(end, from);
        if (to < 0) {
            throw new AssertionError("'" + end + "' not found after '" + start + "'");
        }
        return text.substring(from, to);
    }
}

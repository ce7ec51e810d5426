package com.bsp.onboarding.deploychecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's HTTP routes as its JAX-RS resources declare them (read from the source, formatted as this repository
 * formats Java: class annotations at column 0, member annotations at 4 spaces), with the roles that may call each
 * one. What the Ingress may route is decided against these, not against a copy of the paths.
 */
final class JaxRsRoutes {

    /** One route: its HTTP method, its path template ({@code /v1/channels/{channelId}/api-key}), who may call it. */
    record Route(String method, String template, String roles, String resource) {

        /** Callable with a hub's API key: the partner-facing part of an API. */
        boolean partnerFacing() {
            return roles.contains("HUB_ROLE") || roles.contains("CREDENTIALS_ROLE");
        }

        /** The template with every parameter given a plain value: a request path that reaches this route. */
        String sample() {
            return template.replaceAll("\\{[^}/]+}", "s1");
        }

        @Override
        public String toString() {
            return method + " " + template + " (" + resource + ", " + (roles.isEmpty() ? "no @RolesAllowed" : roles) + ")";
        }
    }

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern PATH = Pattern.compile("^@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern ROLES = Pattern.compile("^@RolesAllowed\\((.*)\\)");
    private static final Pattern HTTP_METHOD = Pattern.compile("^@([A-Z]+)\\b");

    private JaxRsRoutes() {
    }

    static List<Route> of(String module) {
        List<Route> routes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.path(module + "/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                routes.addAll(read(Repo.read(file), file.getFileName().toString().replace(".java", "")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return routes;
    }

    /** The routes of one source file: none unless its class carries a {@code @Path}. */
    static List<Route> read(String source, String resource) {
        String classPath = null;
        String classRoles = "";
        List<Route> routes = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        boolean inClass = false;
        for (String line : source.split("\n")) {
            if (!inClass) {
                if (line.startsWith("@")) {
                    classPath = group(PATH, line, classPath);
                    classRoles = group(ROLES, line, classRoles);
                } else if (line.matches("^public (final |abstract )?class .*")) {
                    if (classPath == null) {
                        return List.of();
                    }
                    inClass = true;
                }
                continue;
            }
            if (line.startsWith("    @")) {
                pending.add(line.substring(4));
            } else if (line.startsWith("    ") && !line.startsWith("     ") && !line.isBlank()) {
                // The member's declaration: the annotations above it are complete.
                String method = null;
                String path = "";
                String roles = classRoles;
                for (String annotation : pending) {
                    Matcher m = HTTP_METHOD.matcher(annotation);
                    if (m.find() && METHODS.contains(m.group(1))) {
                        method = m.group(1);
                    }
                    path = group(PATH, annotation, path);
                    roles = group(ROLES, annotation, roles);
                }
                if (method != null) {
                    routes.add(new Route(method, join(classPath, path), roles, resource));
                }
                pending.clear();
            }
        }
        return routes;
    }

    private static String group(Pattern pattern, String text, String otherwise) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }

    private static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}

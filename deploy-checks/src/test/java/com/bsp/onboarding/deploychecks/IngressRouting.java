package com.bsp.onboarding.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which Service a request path reaches through the Ingresses, as ingress-nginx matches them: {@code Exact} the whole
 * path, {@code Prefix} whole path elements. Once any Ingress of a host sets {@code use-regex} (or a rewrite target),
 * ingress-nginx makes every path of that host a case-insensitive regular expression matched from the start of the
 * (normalised) path, whatever its pathType; a path of any other host that is ImplementationSpecific is a plain prefix.
 */
final class IngressRouting {

    static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";
    static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";

    /** One path of one Ingress rule. */
    record IngressPath(String ingress, String host, String path, String pathType, String service, String port, boolean regex) {

        boolean matches(String requestPath) {
            if (regex) {
                try {
                    return Pattern.compile("^" + path, Pattern.CASE_INSENSITIVE).matcher(requestPath).find();
                } catch (PatternSyntaxException e) {
                    return false; // nginx would refuse the configuration; reported by problems()
                }
            }
            if ("Exact".equals(pathType)) {
                return requestPath.equals(path);
            }
            if ("Prefix".equals(pathType)) {
                String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                return prefix.isEmpty() || requestPath.equals(prefix) || requestPath.startsWith(prefix + "/");
            }
            return requestPath.startsWith(path);
        }

        @Override
        public String toString() {
            return "Ingress " + ingress + " path " + path + " (" + pathType + (regex ? ", regex" : "") + ") -> " + service;
        }
    }

    private final List<IngressPath> paths;

    private IngressRouting(List<IngressPath> paths) {
        this.paths = paths;
    }

    static IngressRouting of(List<JsonNode> ingresses) {
        Set<String> regexHosts = new HashSet<>();
        for (JsonNode ingress : ingresses) {
            JsonNode annotations = ingress.path("metadata").path("annotations");
            if ("true".equals(annotations.path(USE_REGEX).asText()) || annotations.has(REWRITE_TARGET)) {
                ingress.path("spec").path("rules").forEach(rule -> regexHosts.add(rule.path("host").asText()));
            }
        }
        List<IngressPath> paths = new ArrayList<>();
        for (JsonNode ingress : ingresses) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                String host = rule.path("host").asText();
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    paths.add(new IngressPath(Manifests.nameOf(ingress), host, path.path("path").asText(),
                            path.path("pathType").asText(), backend.path("name").asText(),
                            backend.path("port").path("name").asText(backend.path("port").path("number").asText()),
                            regexHosts.contains(host)));
                }
            }
        }
        return new IngressRouting(paths);
    }

    List<IngressPath> paths() {
        return paths;
    }

    /** The paths that match a request path (nginx picks one of them; more than one is a problem of its own). */
    List<IngressPath> matching(String requestPath) {
        return paths.stream().filter(p -> p.matches(requestPath)).toList();
    }

    /**
     * Problems with what reaches {@code service}: every partner-facing route of it must be routed there (and to
     * nothing else), none of its other routes may be, nor anything that is not one of its routes (a path below a
     * route, /q/*, /). A regular expression that does not compile is a problem too.
     */
    List<String> exposeExactly(String service, List<JaxRsRoutes.Route> routes) {
        List<String> problems = new ArrayList<>();
        for (IngressPath path : paths) {
            if (path.regex()) {
                try {
                    Pattern.compile(path.path());
                } catch (PatternSyntaxException e) {
                    problems.add(path + ": not a regular expression (" + e.getDescription() + ")");
                }
            }
        }
        Set<String> partnerSamples = new HashSet<>();
        for (JaxRsRoutes.Route route : routes) {
            String sample = route.sample();
            List<IngressPath> reaching = matching(sample);
            if (route.partnerFacing()) {
                partnerSamples.add(sample);
                if (reaching.stream().noneMatch(p -> p.service().equals(service))) {
                    problems.add("the partner-facing route " + route + " is not routed to " + service);
                }
                reaching.stream().filter(p -> !p.service().equals(service))
                        .forEach(p -> problems.add(p + " also matches the partner-facing route " + route + " of " + service));
            }
        }
        for (JaxRsRoutes.Route route : routes) {
            String sample = route.sample();
            if (!route.partnerFacing() && !partnerSamples.contains(sample)) {
                routedTo(service, sample).forEach(p -> problems.add(p + " exposes the internal route " + route));
            }
        }
        List<String> probes = new ArrayList<>(List.of("/", "/q/health", "/q/health/ready", "/q/metrics", "/q/openapi"));
        partnerSamples.forEach(sample -> probes.add(sample + "/s2"));
        for (String probe : probes) {
            if (!partnerSamples.contains(probe)) {
                routedTo(service, probe).forEach(p -> problems.add(p + " routes " + probe + ", which is no partner-facing "
                        + "route of " + service));
            }
        }
        return problems;
    }

    private List<IngressPath> routedTo(String service, String requestPath) {
        return matching(requestPath).stream().filter(p -> p.service().equals(service)).toList();
    }
}

package com.bsp.onboarding.deploychecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay of deploy/overlays, rendered with {@code kubectl kustomize} as ops would apply it, checked
 * against the Kubernetes models and against the services' real configuration.
 */
class OverlayManifestsTest {

    private static final Map<String, ServiceConfig> SERVICES = new HashMap<>();

    /** The services that call out to the internet: providers (Graph, 360Dialog) or partners' webhook endpoints. */
    private static final Set<String> INTERNET_CALLERS = Set.of("token-service", "waba-provisioner", "partner-webhooks");

    /** What an egress to 0.0.0.0/0 must except: the cluster, the VPC and the cloud metadata address. */
    private static final Set<String> PRIVATE_RANGES = Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "169.254.0.0/16");

    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(Repo.path("deploy/overlays"))) {
            List<String> names = dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertTrue(names.containsAll(List.of("dev", "prod")), "overlays dev and prod must exist: " + names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration of the service a Deployment (or a service) runs. */
    private static ServiceConfig service(String name) {
        return SERVICES.computeIfAbsent(Repo.DEPLOYMENTS.getOrDefault(name, name), ServiceConfig::load);
    }

    /** waba-provisioner's routes, read from its resources; the reader must find both kinds, or it read nothing. */
    static List<JaxRsRoutes.Route> provisionerRoutes() {
        List<JaxRsRoutes.Route> routes = JaxRsRoutes.of("waba-provisioner");
        assertTrue(routes.stream().anyMatch(JaxRsRoutes.Route::partnerFacing)
                && routes.stream().anyMatch(r -> !r.partnerFacing()), "waba-provisioner's routes not read: " + routes);
        return routes;
    }

    private static JsonNode podSpec(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec");
    }

    private static JsonNode container(Manifests manifests, String service) {
        JsonNode containers = podSpec(manifests.get("Deployment", service)).path("containers");
        assertEquals(1, containers.size(), service + " runs one container");
        return containers.get(0);
    }

    /** The container's ports by name. */
    private static Map<String, Integer> containerPorts(Manifests manifests, String service) {
        Map<String, Integer> ports = new HashMap<>();
        container(manifests, service).path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        return ports;
    }

    private static Map<String, String> podLabels(Manifests manifests, String service) {
        return Manifests.labels(manifests.get("Deployment", service).path("spec").path("template").path("metadata")
                .path("labels"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsAValidKubernetesObject(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        assertFalse(manifests.all().isEmpty(), overlay + " renders nothing");
        List<String> problems = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (JsonNode object : manifests.all()) {
            String id = StrictModels.key(object) + "/" + Manifests.nameOf(object);
            if (object.path("apiVersion").asText().isEmpty() || object.path("kind").asText().isEmpty()
                    || Manifests.nameOf(object).isEmpty()) {
                problems.add("an object without apiVersion, kind or metadata.name: " + object);
                continue;
            }
            if (!ids.add(id)) {
                problems.add("defined twice: " + id);
            }
            if (object.path("metadata").path("namespace").asText().isEmpty()) {
                problems.add(id + " has no namespace: the overlay must set one");
            }
            String key = StrictModels.key(object);
            if (StrictModels.MODELS.containsKey(key)) {
                try {
                    assertNotNull(StrictModels.validate(object));
                } catch (AssertionError e) {
                    problems.add(e.getMessage());
                }
            } else if (StrictModels.CHECKED_BY_HAND.containsKey(key)) {
                problems.addAll(CloudNativePg.check(object));
            } else {
                problems.add(id + ": no model to check this kind against (add one to StrictModels)");
            }
        }
        assertNoProblems(overlay, problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void portsAndProbesMatchEachServicesConfiguration(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (String name : Repo.DEPLOYMENTS.keySet()) {
            ServiceConfig config = service(name);
            JsonNode container = container(manifests, name);
            Map<String, Integer> ports = new HashMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            if (!ports.containsValue(config.httpPort())) {
                problems.add(name + ": no container port " + config.httpPort() + " (quarkus.http.port); has " + ports);
            }
            if (!ports.containsValue(config.managementPort())) {
                problems.add(name + ": no container port " + config.managementPort() + " (quarkus.management.port); has " + ports);
            }
            for (Map.Entry<String, String> probe : Map.of("startupProbe", "/q/health/started", "livenessProbe",
                    "/q/health/live", "readinessProbe", "/q/health/ready").entrySet()) {
                JsonNode get = container.path(probe.getKey()).path("httpGet");
                if (get.isMissingNode()) {
                    problems.add(name + ": no HTTP " + probe.getKey());
                    continue;
                }
                if (!probe.getValue().equals(get.path("path").asText())) {
                    problems.add(name + ": " + probe.getKey() + " checks " + get.path("path").asText() + ", not "
                            + probe.getValue());
                }
                int port = get.path("port").isInt() ? get.path("port").asInt() : ports.getOrDefault(get.path("port").asText(), -1);
                if (port != config.managementPort()) {
                    problems.add(name + ": " + probe.getKey() + " probes port " + get.path("port") + ", not "
                            + config.managementPort() + " (quarkus.management.port)");
                }
            }
            JsonNode service = manifests.get("Service", name);
            if (!Manifests.serviceSelects(service.path("spec").path("selector"), podLabels(manifests, name))) {
                problems.add(name + ": the Service does not select the Deployment's pods");
            }
            for (JsonNode servicePort : service.path("spec").path("ports")) {
                JsonNode target = servicePort.path("targetPort");
                int port = target.isInt() ? target.asInt() : ports.getOrDefault(target.asText(), -1);
                if (port != config.httpPort() && port != config.managementPort()) {
                    problems.add(name + ": Service port " + servicePort.path("name").asText() + " targets " + target
                            + ", neither the HTTP port " + config.httpPort() + " nor the management port "
                            + config.managementPort());
                }
            }
        }
        assertNoProblems(overlay, problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyEnvironmentVariableIsARealConfigurationProperty(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        Set<String> deployments = manifests.ofKind("Deployment").stream().map(Manifests::nameOf)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Repo.DEPLOYMENTS.keySet()), deployments, "one Deployment per service, two for webhook-ingest");
        for (String name : Repo.DEPLOYMENTS.keySet()) {
            for (JsonNode container : podSpec(manifests.get("Deployment", name)).path("containers")) {
                problems.addAll(EnvCheck.kubernetesContainer(service(name), container, overlay + " " + name,
                        configMap -> manifests.find("ConfigMap", configMap).orElse(null)));
            }
            if (!service(name).hasDatasource()) {
                container(manifests, name).path("env").forEach(env -> {
                    if (env.path("name").asText().startsWith("QUARKUS_DATASOURCE")) {
                        problems.add(name + " has no database but gets " + env.path("name").asText());
                    }
                });
            }
        }
        assertNoProblems(overlay, problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretValueIsInTheManifests(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode secret : manifests.ofKind("Secret")) {
            problems.add("Secret " + Manifests.nameOf(secret) + " is defined in the manifests; Secrets are created by "
                    + "ops (deploy/README.md), never committed" + (secret.has("data") || secret.has("stringData")
                            ? " (and this one carries values)" : ""));
        }
        String text = manifests.text();
        for (String known : KnownSecrets.all()) {
            if (text.contains(known)) {
                problems.add("a demo or test secret of the repository is in the manifests: " + known);
            }
        }
        for (JsonNode configMap : manifests.ofKind("ConfigMap")) {
            Manifests.labels(configMap.path("data")).keySet().stream().filter(ServiceConfig::isSecretName)
                    .forEach(k -> problems.add("ConfigMap " + Manifests.nameOf(configMap) + " holds secret " + k));
        }
        // Literal env values of secrets are refused by EnvCheck (everyEnvironmentVariableIsARealConfigurationProperty).
        for (String name : Repo.DEPLOYMENTS.keySet()) {
            for (JsonNode env : container(manifests, name).path("env")) {
                if (env.has("value") && ServiceConfig.isSecretName(env.path("name").asText())) {
                    problems.add(name + ": " + env.path("name").asText() + " has a literal value");
                }
            }
        }
        assertNoProblems(overlay, problems);
    }

    @Test
    void noSecretValueIsInAnyFileOfDeploy() throws IOException {
        Set<String> secrets = KnownSecrets.all();
        assertTrue(secrets.contains("demo-app-secret") && secrets.contains("demo-api-key-change-me"),
                "the known demo secrets are collected: " + secrets);
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.path("deploy"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Repo.read(file);
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        problems.add(Repo.root().relativize(file) + " contains the demo/test secret " + secret);
                    }
                }
                if (file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")) {
                    for (JsonNode doc : Yaml.documents(text, file.toString())) {
                        if ("Secret".equals(doc.path("kind").asText())) {
                            problems.add(Repo.root().relativize(file) + " defines a Secret");
                        }
                        if (doc.has("secretGenerator")) {
                            problems.add(Repo.root().relativize(file) + " generates Secrets");
                        }
                    }
                }
            }
        }
        assertNoProblems("deploy/", problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void podsAreHardenedAndStopGracefully(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (String name : Repo.DEPLOYMENTS.keySet()) {
            JsonNode pod = podSpec(manifests.get("Deployment", name));
            JsonNode podSecurity = pod.path("securityContext");
            if (!pod.path("automountServiceAccountToken").isBoolean() || pod.path("automountServiceAccountToken").asBoolean()) {
                problems.add(name + ": automountServiceAccountToken must be false");
            }
            String account = pod.path("serviceAccountName").asText();
            manifests.find("ServiceAccount", account).ifPresentOrElse(sa -> {
                if (!sa.path("automountServiceAccountToken").isBoolean() || sa.path("automountServiceAccountToken").asBoolean()) {
                    problems.add(name + ": ServiceAccount " + account + " must set automountServiceAccountToken: false");
                }
            }, () -> problems.add(name + ": no ServiceAccount '" + account + "' of its own"));
            if ("default".equals(account) || account.isEmpty()) {
                problems.add(name + ": runs as the default ServiceAccount");
            }
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                if (!effective(security, podSecurity, "runAsNonRoot").asBoolean(false)) {
                    problems.add(name + ": runAsNonRoot must be true");
                }
                JsonNode seccomp = security.has("seccompProfile") ? security.path("seccompProfile")
                        : podSecurity.path("seccompProfile");
                if (!"RuntimeDefault".equals(seccomp.path("type").asText())) {
                    problems.add(name + ": seccompProfile must be RuntimeDefault");
                }
                if (!security.path("allowPrivilegeEscalation").isBoolean() || security.path("allowPrivilegeEscalation").asBoolean()) {
                    problems.add(name + ": allowPrivilegeEscalation must be false");
                }
                if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(name + ": readOnlyRootFilesystem must be true");
                }
                Set<String> dropped = new LinkedHashSet<>();
                security.path("capabilities").path("drop").forEach(c -> dropped.add(c.asText()));
                if (!dropped.contains("ALL") || security.path("capabilities").has("add")) {
                    problems.add(name + ": capabilities must drop ALL and add none");
                }
                if (security.path("privileged").asBoolean(false)) {
                    problems.add(name + ": privileged");
                }
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (container.path("resources").path(kind).path(resource).asText().isEmpty()) {
                            problems.add(name + ": no " + resource + " in resources." + kind);
                        }
                    }
                }
                // A writable /tmp on an emptyDir, the root filesystem being read-only.
                String tmpVolume = null;
                for (JsonNode mount : container.path("volumeMounts")) {
                    if ("/tmp".equals(mount.path("mountPath").asText())) {
                        tmpVolume = mount.path("name").asText();
                    }
                }
                boolean emptyDir = false;
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir")) {
                        emptyDir = true;
                    }
                }
                if (!emptyDir) {
                    problems.add(name + ": no emptyDir volume mounted at /tmp");
                }
                // Graceful termination: endpoints drain during preStop, then Quarkus drains in-flight requests.
                // A Deployment whose Service routes no request to it (the typed stage) has no traffic to drain.
                long sleep = preStopSleepSeconds(container.path("lifecycle").path("preStop"));
                if (sleep <= 0 && servesRequests(manifests, name)) {
                    problems.add(name + ": no preStop sleep, so traffic still arrives while the pod stops");
                }
                long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
                long shutdown = service(name).shutdownTimeout().toSeconds();
                if (grace <= shutdown + sleep) {
                    problems.add(name + ": terminationGracePeriodSeconds " + grace + " must exceed the preStop sleep ("
                            + sleep + " s) + quarkus.shutdown.timeout (" + shutdown + " s)");
                }
                String image = container.path("image").asText();
                if (!(image.contains("@sha256:") || image.substring(image.lastIndexOf('/') + 1).contains(":"))
                        || image.endsWith(":latest")) {
                    problems.add(name + ": image " + image + " has no pinned tag (set it with the overlay's images:)");
                }
            }
        }
        assertNoProblems(overlay, problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void replicasDisruptionBudgetsAndAutoscaling(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (String name : Repo.DEPLOYMENTS.keySet()) {
            Map<String, String> labels = podLabels(manifests, name);
            boolean budget = manifests.ofKind("PodDisruptionBudget").stream()
                    .anyMatch(pdb -> Manifests.selects(pdb.path("spec").path("selector"), labels));
            if (!budget) {
                problems.add(name + ": no PodDisruptionBudget selects its pods");
            }
            JsonNode deployment = manifests.get("Deployment", name);
            if (name.equals("webhook-ingest")) {
                if (deployment.path("spec").has("replicas")) {
                    problems.add("webhook-ingest: replicas is set although the HorizontalPodAutoscaler owns it");
                }
            } else {
                int replicas = deployment.path("spec").path("replicas").asInt(1);
                if (overlay.equals("dev") && replicas != 1) {
                    problems.add(name + ": dev runs 1 replica, not " + replicas);
                }
                if (overlay.equals("prod") && replicas < 2) {
                    problems.add(name + ": prod needs at least 2 replicas, has " + replicas);
                }
            }
        }
        JsonNode hpa = manifests.get("HorizontalPodAutoscaler", "webhook-ingest");
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText());
        assertEquals("webhook-ingest", target.path("name").asText());
        boolean cpu = Manifests.list(hpa.path("spec").path("metrics")).stream()
                .anyMatch(m -> "cpu".equals(m.path("resource").path("name").asText()));
        if (!cpu) {
            problems.add("webhook-ingest's autoscaler does not scale on CPU");
        }
        int min = hpa.path("spec").path("minReplicas").asInt(1);
        int max = hpa.path("spec").path("maxReplicas").asInt();
        if (overlay.equals("prod") && (min != 2 || max < 6)) {
            problems.add("prod webhook-ingest scales from 2 to at least 6, not " + min + "-" + max);
        }
        if (max < min) {
            problems.add("webhook-ingest: maxReplicas < minReplicas");
        }
        assertNoProblems(overlay, problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void webhookIngestRunsEachRoleInItsOwnDeployment(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        assertEquals(Map.of("INGEST_ROLES_TYPED_STAGE", "false"), roles(manifests, "webhook-ingest"),
                "the intake's Deployment runs no typed stage");
        assertEquals(Map.of("INGEST_ROLES_INTAKE", "false"), roles(manifests, "webhook-ingest-typed-stage"),
                "the typed stage's Deployment takes no webhook");
    }

    /** The INGEST_ROLES_* settings a Deployment's container gets, from its env and its ConfigMaps. */
    private static Map<String, String> roles(Manifests manifests, String deployment) {
        JsonNode container = container(manifests, deployment);
        Map<String, String> roles = new TreeMap<>();
        container.path("envFrom").forEach(from -> manifests.find("ConfigMap", from.path("configMapRef").path("name").asText())
                .ifPresent(configMap -> Manifests.labels(configMap.path("data")).forEach((key, value) -> {
                    if (key.startsWith("INGEST_ROLES_")) {
                        roles.put(key, value);
                    }
                })));
        container.path("env").forEach(env -> {
            if (env.path("name").asText().startsWith("INGEST_ROLES_")) {
                roles.put(env.path("name").asText(), env.path("value").asText());
            }
        });
        return roles;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void prometheusScrapesEveryService(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        List<JsonNode> monitors = manifests.ofKind("ServiceMonitor");
        assertFalse(monitors.isEmpty(), "no ServiceMonitor");
        for (String name : Repo.DEPLOYMENTS.keySet()) {
            JsonNode service = manifests.get("Service", name);
            Map<String, String> labels = Manifests.labels(service.path("metadata").path("labels"));
            Set<String> portNames = new TreeSet<>();
            int managementPort = service(name).managementPort();
            Map<String, Integer> containerPorts = containerPorts(manifests, name);
            // Only Service ports that reach the management interface: /q/metrics is served nowhere else.
            service.path("spec").path("ports").forEach(p -> {
                JsonNode target = p.path("targetPort");
                if ((target.isInt() ? target.asInt() : containerPorts.getOrDefault(target.asText(), -1)) == managementPort) {
                    portNames.add(p.path("name").asText());
                }
            });
            boolean scraped = monitors.stream()
                    .filter(m -> Manifests.selects(m.path("spec").path("selector"), labels))
                    .flatMap(m -> Manifests.list(m.path("spec").path("endpoints")).stream())
                    .anyMatch(e -> "/q/metrics".equals(e.path("path").asText()) && portNames.contains(e.path("port").asText()));
            if (!scraped) {
                problems.add(name + ": no ServiceMonitor scrapes /q/metrics on its Service's port of the management interface");
            }
        }
        assertNoProblems(overlay, problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesKeepWabaProvisionerInternal(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<JsonNode> policies = manifests.ofKind("NetworkPolicy");
        List<String> problems = new ArrayList<>();

        boolean defaultDeny = policies.stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && policyTypes(p).contains("Ingress") && p.path("spec").path("ingress").isEmpty());
        if (!defaultDeny) {
            problems.add("no default-deny ingress NetworkPolicy (podSelector {}, policyTypes [Ingress], no rules)");
        }

        problems.addAll(provisionerAdmission(manifests));
        for (String name : List.of("link-service", "webhook-ingest", "token-service", "partner-webhooks")) {
            if (!reachableFrom(policies, podLabels(manifests, name), "ingress-nginx")) {
                problems.add(name + " is public but no NetworkPolicy admits the ingress controller");
            }
        }
        if (reachableFrom(policies, podLabels(manifests, "webhook-ingest-typed-stage"), "ingress-nginx")) {
            problems.add("webhook-ingest-typed-stage takes no webhook, yet a NetworkPolicy admits the ingress controller");
        }

        // Egress: denied by default; DNS and Kafka for all, PostgreSQL for the services with a database,
        // the internet (443) only for the two that call providers and partner-webhooks (partners' endpoints),
        // and never the private ranges the way into the cluster and the VPC.
        for (String name : Repo.DEPLOYMENTS.keySet()) {
            Map<String, String> labels = podLabels(manifests, name);
            List<JsonNode> egress = policies.stream()
                    .filter(p -> policyTypes(p).contains("Egress") && Manifests.selects(p.path("spec").path("podSelector"), labels))
                    .toList();
            if (egress.stream().noneMatch(p -> p.path("spec").path("egress").isEmpty())) {
                problems.add(name + ": no default-deny egress policy selects it");
            }
            Set<Integer> ports = new TreeSet<>();
            boolean internet = false;
            for (JsonNode policy : egress) {
                for (JsonNode rule : policy.path("spec").path("egress")) {
                    rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
                    for (JsonNode peer : rule.path("to")) {
                        if ("0.0.0.0/0".equals(peer.path("ipBlock").path("cidr").asText())) {
                            internet = true;
                            Set<String> except = new TreeSet<>();
                            peer.path("ipBlock").path("except").forEach(c -> except.add(c.asText()));
                            if (!except.containsAll(PRIVATE_RANGES)) {
                                problems.add(name + ": " + Manifests.describe(policy) + " opens the internet without "
                                        + "excepting the private ranges " + PRIVATE_RANGES + " (has " + except + ")");
                            }
                        }
                    }
                    if (rule.path("to").isEmpty()) {
                        problems.add(name + ": " + Manifests.describe(policy) + " allows egress anywhere");
                    }
                }
            }
            boolean callsOut = INTERNET_CALLERS.contains(name);
            if (!ports.contains(53) || !ports.contains(9092)) {
                problems.add(name + ": egress must allow DNS (53) and Kafka (9092), allows " + ports);
            }
            if (service(name).hasDatasource() != ports.contains(5432)) {
                problems.add(name + ": PostgreSQL egress (5432) " + (service(name).hasDatasource() ? "missing" : "not needed"));
            }
            if (callsOut != (internet && ports.contains(443))) {
                problems.add(name + (callsOut ? " needs HTTPS egress to the internet (Graph, 360Dialog, partners' endpoints)"
                        : " must not reach the internet"));
            }
        }
        assertNoProblems(overlay, problems);
    }

    /**
     * Who reaches waba-provisioner: the ops and monitoring namespaces, and the ingress controller on the API port
     * alone, for its partner-facing routes, and then only while an Ingress routes them (and not at all otherwise).
     */
    static List<String> provisionerAdmission(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> policies = manifests.ofKind("NetworkPolicy");
        Map<String, String> provisioner = podLabels(manifests, "waba-provisioner");
        int apiPort = containerPorts(manifests, "waba-provisioner").getOrDefault("http", -1);
        for (JsonNode policy : policies) {
            if (!policyTypes(policy).contains("Ingress") || !Manifests.selects(policy.path("spec").path("podSelector"), provisioner)) {
                continue;
            }
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (rule.path("from").isEmpty()) {
                    problems.add(Manifests.describe(policy) + " lets anyone reach waba-provisioner");
                }
                for (JsonNode peer : rule.path("from")) {
                    String namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                            .asText();
                    if (!peer.has("ipBlock") && namespace.equals("ingress-nginx")) {
                        boolean apiOnly = !rule.path("ports").isEmpty() && Manifests.list(rule.path("ports")).stream()
                                .allMatch(p -> p.path("port").asText().equals("http") || p.path("port").asInt(-2) == apiPort);
                        if (!apiOnly) {
                            problems.add(Manifests.describe(policy) + " lets the ingress controller reach waba-provisioner on "
                                    + (rule.path("ports").isEmpty() ? "every port" : rule.path("ports").toString())
                                    + "; only its API port `http` may be (the credential hand-off)");
                        }
                    } else if (peer.has("ipBlock") || !Set.of("ops", "monitoring").contains(namespace)) {
                        problems.add(Manifests.describe(policy) + " lets " + peer + " reach waba-provisioner; only the "
                                + "ops and monitoring namespaces may, and the ingress controller for the credential hand-off");
                    }
                }
            }
        }
        boolean routed = IngressRouting.of(manifests.ofKind("Ingress")).paths().stream()
                .anyMatch(p -> p.service().equals("waba-provisioner"));
        boolean admitted = reachableFrom(policies, provisioner, "ingress-nginx");
        if (admitted && !routed) {
            problems.add("the ingress controller may reach waba-provisioner, though no Ingress routes to it");
        }
        if (routed && !admitted) {
            problems.add("an Ingress routes waba-provisioner's credential hand-off, but no NetworkPolicy admits the "
                    + "ingress controller to it");
        }
        return problems;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressRoutesOnlyThePublicPaths(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        Map<String, String> routes = new HashMap<>();
        for (JsonNode ingress : manifests.ofKind("Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                if (rule.path("host").asText().isEmpty() || rule.path("host").asText().endsWith("example.com")) {
                    problems.add("the Ingress host is not set for " + overlay + ": " + rule.path("host").asText());
                }
                for (JsonNode path : rule.path("http").path("paths")) {
                    String backend = path.path("backend").path("service").path("name").asText();
                    routes.put(path.path("path").asText(), backend);
                    String portName = path.path("backend").path("service").path("port").path("name").asText();
                    manifests.find("Service", backend).ifPresentOrElse(service -> {
                        boolean hasPort = Manifests.list(service.path("spec").path("ports")).stream()
                                .anyMatch(p -> p.path("name").asText().equals(portName));
                        if (!hasPort) {
                            problems.add("the Ingress routes to port '" + portName + "' that Service " + backend + " lacks");
                        }
                    }, () -> problems.add("the Ingress routes to Service " + backend + ", which does not exist"));
                }
            }
        }
        Map<String, String> expected = Map.of("/webhooks", "webhook-ingest", "/v1/links", "link-service",
                "/io/callback", "link-service", "/v1/signups", "token-service", "/v1/signup-sessions", "token-service",
                "/signup", "token-service", "/v1/endpoints", "partner-webhooks", "/v1/messages", "partner-webhooks",
                "/v1/onboardings", "partner-webhooks");
        IngressRouting routing = IngressRouting.of(manifests.ofKind("Ingress"));
        expected.forEach((path, backend) -> {
            if (!backend.equals(routes.get(path))) {
                problems.add("the public path " + path + " should route to " + backend + ", routes to " + routes.get(path));
            }
            // As ingress-nginx matches it (regular expressions, once any Ingress of the host asks for them).
            Set<String> reached = routing.matching(path).stream().map(IngressRouting.IngressPath::service)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!reached.equals(Set.of(backend))) {
                problems.add("the public path " + path + " is matched by paths of " + reached + ", not only by " + backend);
            }
        });
        routes.forEach((path, backend) -> {
            if (path.equals("/") || path.startsWith("/q")) {
                problems.add("the Ingress exposes " + path + " (health, metrics and OpenAPI stay internal)");
            }
        });
        // waba-provisioner: its partner-facing routes (the credential hand-off) and nothing else, its ops API least.
        problems.addAll(routing.exposeExactly("waba-provisioner", provisionerRoutes()));
        assertNoProblems(overlay, problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theManagementPortAdmitsOnlyPrometheusAndTheApiPortNeverPrometheus(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<JsonNode> policies = manifests.ofKind("NetworkPolicy");
        List<String> problems = new ArrayList<>();
        for (String name : Repo.DEPLOYMENTS.keySet()) {
            ServiceConfig config = service(name);
            if (config.managementPort() == config.httpPort()) {
                problems.add(name + ": no management interface (quarkus.management.enabled): metrics share the API port");
                continue;
            }
            Map<String, Integer> containerPorts = containerPorts(manifests, name);
            Map<String, String> labels = podLabels(manifests, name);
            boolean monitored = false;
            for (JsonNode policy : policies) {
                if (!policyTypes(policy).contains("Ingress") || !Manifests.selects(policy.path("spec").path("podSelector"), labels)) {
                    continue;
                }
                for (JsonNode rule : policy.path("spec").path("ingress")) {
                    Set<Integer> ports = new TreeSet<>();
                    rule.path("ports").forEach(p -> ports.add(p.path("port").isInt() ? p.path("port").asInt()
                            : containerPorts.getOrDefault(p.path("port").asText(), -1)));
                    if (ports.isEmpty()) {
                        problems.add(Manifests.describe(policy) + " admits every port of " + name);
                    }
                    Set<String> namespaces = new TreeSet<>();
                    rule.path("from").forEach(peer -> namespaces.add(peer.path("namespaceSelector").path("matchLabels")
                            .path("kubernetes.io/metadata.name").asText()));
                    if (ports.contains(config.managementPort())) {
                        if (!namespaces.equals(Set.of("monitoring"))) {
                            problems.add(Manifests.describe(policy) + " admits " + namespaces + " to " + name
                                    + "'s management port; only monitoring may");
                        }
                        monitored = true;
                    }
                    if (ports.contains(config.httpPort()) && namespaces.contains("monitoring")) {
                        problems.add(Manifests.describe(policy) + " admits monitoring to " + name + "'s API port");
                    }
                }
            }
            if (!monitored) {
                problems.add(name + ": no NetworkPolicy admits Prometheus to the management port");
            }
        }
        assertNoProblems(overlay, problems);
    }

    private static boolean reachableFrom(List<JsonNode> policies, Map<String, String> labels, String namespace) {
        return policies.stream()
                .filter(p -> policyTypes(p).contains("Ingress") && Manifests.selects(p.path("spec").path("podSelector"), labels))
                .flatMap(p -> Manifests.list(p.path("spec").path("ingress")).stream())
                .flatMap(rule -> Manifests.list(rule.path("from")).stream())
                .anyMatch(peer -> namespace.equals(peer.path("namespaceSelector").path("matchLabels")
                        .path("kubernetes.io/metadata.name").asText()));
    }

    private static Set<String> policyTypes(JsonNode policy) {
        Set<String> types = new TreeSet<>();
        policy.path("spec").path("policyTypes").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            types.add("Ingress"); // Kubernetes' default
        }
        return types;
    }

    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    /** Whether the Deployment's Service routes requests to its API port (not only the management port to Prometheus). */
    private static boolean servesRequests(Manifests manifests, String deployment) {
        int managementPort = service(deployment).managementPort();
        Map<String, Integer> ports = containerPorts(manifests, deployment);
        return Manifests.list(manifests.get("Service", deployment).path("spec").path("ports")).stream().anyMatch(p -> {
            JsonNode target = p.path("targetPort");
            return (target.isInt() ? target.asInt() : ports.getOrDefault(target.asText(), -1)) != managementPort;
        });
    }

    private static long preStopSleepSeconds(JsonNode preStop) {
        if (preStop.has("sleep")) {
            return preStop.path("sleep").path("seconds").asLong();
        }
        List<String> command = new ArrayList<>();
        preStop.path("exec").path("command").forEach(c -> command.add(c.asText()));
        String joined = String.join(" ", command).trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|\\s)sleep\\s+(\\d+)").matcher(joined);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static void assertNoProblems(String where, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(where + ":\n  - " + String.join("\n  - ", problems));
        }
    }
}

package com.bsp.onboarding.deploychecks;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration model of one service module: the property names it really has, and which environment
 * variables set them.
 *
 * <p>Known names are (1) the keys of its application.properties (profile prefixes such as {@code %test.}
 * stripped), (2) what its {@code @ConfigMapping} interfaces define, its own and those of the repository's
 * modules it depends on (e.g. eventing's {@code outbox.*}), and (3) a few framework settings: Quarkus
 * settings under a config root from {@link #QUARKUS_ROOTS} whose extension the service has, SmallRye
 * Reactive Messaging settings of the channels its application.properties declares, and the Kafka client
 * settings of {@link #KAFKA_CLIENT} for services that use Kafka.
 *
 * <p>An environment variable sets a property when it equals the property's name upper-cased with every
 * character other than a letter or digit turned into {@code _} (the rule of SmallRye Config's environment
 * source); a wildcard segment ({@code *}: a map key) stands for one or more such words.
 */
final class ServiceConfig {

    /**
     * Quarkus config roots an environment variable may set beyond the keys of application.properties, each
     * with the extensions (artifactIds) that own it; no extension listed means core (always present).
     */
    static final Map<String, List<String>> QUARKUS_ROOTS = Map.ofEntries(
            Map.entry("quarkus.http", List.of()),
            Map.entry("quarkus.log", List.of()),
            Map.entry("quarkus.shutdown", List.of()),
            Map.entry("quarkus.vertx", List.of()),
            Map.entry("quarkus.thread-pool", List.of()),
            Map.entry("quarkus.tls", List.of()),
            Map.entry("quarkus.datasource", List.of("quarkus-reactive-pg-client", "quarkus-jdbc-postgresql",
                    "quarkus-agroal")),
            Map.entry("quarkus.flyway", List.of("quarkus-flyway")),
            Map.entry("quarkus.hibernate-orm", List.of("quarkus-hibernate-orm", "quarkus-hibernate-orm-panache",
                    "quarkus-hibernate-reactive", "quarkus-hibernate-reactive-panache")),
            Map.entry("quarkus.rest-client", List.of("quarkus-rest-client", "quarkus-rest-client-jackson")),
            Map.entry("quarkus.otel", List.of("quarkus-opentelemetry")),
            Map.entry("quarkus.micrometer", List.of("quarkus-micrometer", "quarkus-micrometer-registry-prometheus")),
            Map.entry("quarkus.kafka", List.of("quarkus-messaging-kafka", "quarkus-kafka-client")),
            Map.entry("quarkus.messaging", List.of("quarkus-messaging-kafka", "quarkus-messaging")),
            Map.entry("quarkus.smallrye-health", List.of("quarkus-smallrye-health")),
            Map.entry("quarkus.smallrye-openapi", List.of("quarkus-smallrye-openapi")),
            Map.entry("quarkus.jackson", List.of("quarkus-jackson", "quarkus-rest-jackson",
                    "quarkus-rest-client-jackson")),
            Map.entry("quarkus.scheduler", List.of("quarkus-scheduler")),
            Map.entry("quarkus.qute", List.of("quarkus-qute")));

    /**
     * Kafka client settings a service using Kafka may get from the environment (the connector passes every
     * {@code kafka.*} property to each channel): the bootstrap servers and what an authenticated, encrypted
     * listener needs.
     */
    static final Set<String> KAFKA_CLIENT = Set.of(
            "kafka.bootstrap.servers", "kafka.security.protocol", "kafka.sasl.mechanism", "kafka.sasl.jaas.config",
            "kafka.ssl.truststore.type", "kafka.ssl.truststore.location", "kafka.ssl.truststore.password",
            "kafka.ssl.truststore.certificates", "kafka.ssl.keystore.type", "kafka.ssl.keystore.location",
            "kafka.ssl.keystore.password", "kafka.ssl.keystore.certificate.chain", "kafka.ssl.keystore.key",
            "kafka.ssl.endpoint.identification.algorithm", "kafka.client.rack");

    private static final Pattern CHANNEL = Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.");
    private static final String WORDS = "[A-Z0-9]+(?:_[A-Z0-9]+)*";

    private final String module;
    private final Map<String, String> properties;
    private final Map<String, List<String>> allProfileValues;
    private final Set<String> known;
    private final Set<String> mappingLeaves;
    private final Set<String> mappingRoots;
    private final Set<String> groups;
    private final Set<String> extensions;
    private final Set<String> channels;
    private final List<Map.Entry<String, Pattern>> envPatterns = new ArrayList<>();

    private ServiceConfig(String module, Map<String, String> properties, Map<String, List<String>> allProfileValues,
            Set<String> known, ConfigMappings.Result mappings, Set<String> extensions) {
        this.module = module;
        this.mappingLeaves = new TreeSet<>(mappings.leaves());
        this.mappingRoots = new TreeSet<>(mappings.roots());
        Set<String> groups = new TreeSet<>(mappings.groups());
        this.properties = properties;
        this.allProfileValues = allProfileValues;
        this.known = known;
        this.groups = groups;
        this.extensions = extensions;
        this.channels = new TreeSet<>();
        for (String key : known) {
            Matcher m = CHANNEL.matcher(key);
            if (m.find()) {
                channels.add("mp.messaging." + m.group(1) + "." + m.group(2));
            }
        }
        for (String name : known) {
            envPatterns.add(Map.entry(name, envPattern(name)));
        }
        if (usesKafka()) {
            for (String name : KAFKA_CLIENT) {
                envPatterns.add(Map.entry(name, envPattern(name)));
            }
        }
    }

    /** The model of the module in directory {@code module} of the repository (e.g. "link-service"). */
    static ServiceConfig load(String module) {
        Path dir = Repo.path(module);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("No module directory " + dir);
        }
        Map<String, String> base = new LinkedHashMap<>();
        Map<String, List<String>> everyProfile = new LinkedHashMap<>();
        Path propertiesFile = dir.resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(propertiesFile)) {
            Properties raw = new Properties();
            try {
                raw.load(new StringReader(Repo.read(propertiesFile)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : new TreeSet<>(raw.stringPropertyNames())) {
                String value = raw.getProperty(key);
                String name = stripProfile(key);
                everyProfile.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                if (!key.startsWith("%")) {
                    base.put(name, value);
                }
            }
        }
        Set<String> modules = new LinkedHashSet<>();
        collectModules(module, modules);
        List<Path> sourceRoots = modules.stream().map(m -> Repo.path(m).resolve("src/main/java")).toList();
        ConfigMappings.Result mappings = ConfigMappings.read(sourceRoots);
        if (everyProfile.isEmpty() && mappings.leaves().isEmpty()) {
            throw new IllegalStateException(module + " has neither src/main/resources/application.properties nor "
                    + "a @ConfigMapping interface: its configuration cannot be checked");
        }
        Set<String> known = new TreeSet<>(everyProfile.keySet());
        known.addAll(mappings.leaves());
        Set<String> extensions = new TreeSet<>();
        for (String m : modules) {
            extensions.addAll(dependencies(Repo.path(m).resolve("pom.xml")));
        }
        return new ServiceConfig(module, base, everyProfile, known, mappings, extensions);
    }

    String module() {
        return module;
    }

    /** The known property names (patterns: {@code *} is a map key). */
    Set<String> knownProperties() {
        return known;
    }

    /** The properties the @ConfigMapping interfaces define (patterns), and their prefixes. */
    Set<String> mappingProperties() {
        return mappingLeaves;
    }

    Set<String> mappingPrefixes() {
        return mappingRoots;
    }

    /** Whether a property name matches one of the given patterns ({@code *}: one map key, any characters). */
    static boolean matchesAny(String property, Set<String> patterns) {
        return patterns.stream().anyMatch(pattern -> {
            String[] parts = pattern.split("\\*", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append("(?:[^.\"]+|\"[^\"]+\")");
                }
                regex.append(Pattern.quote(parts[i]));
            }
            return property.matches(regex.toString());
        });
    }

    /** The base (profile-less) value of a key of application.properties. */
    Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** Every value a key has in application.properties, in any profile. */
    Map<String, List<String>> valuesInEveryProfile() {
        return allProfileValues;
    }

    int httpPort() {
        return Integer.parseInt(property("quarkus.http.port").orElse("8080").trim());
    }

    /** quarkus.management.port: health, metrics and OpenAPI, when the management interface is enabled. */
    int managementPort() {
        if (!Boolean.parseBoolean(property("quarkus.management.enabled").orElse("false").trim())) {
            return httpPort();
        }
        return Integer.parseInt(property("quarkus.management.port").orElse("9000").trim());
    }

    Duration shutdownTimeout() {
        return property("quarkus.shutdown.timeout").map(ServiceConfig::duration).orElse(Duration.ZERO);
    }

    boolean usesKafka() {
        return extensions.contains("quarkus-messaging-kafka") || extensions.contains("quarkus-kafka-client");
    }

    boolean hasDatasource() {
        return QUARKUS_ROOTS.get("quarkus.datasource").stream().anyMatch(extensions::contains);
    }

    /**
     * The property an environment variable sets, or empty when it sets none of this service's: then it is a
     * typo or a setting of another service, and the deployment passing it is wrong.
     */
    Optional<String> propertyOf(String env) {
        for (Map.Entry<String, Pattern> candidate : envPatterns) {
            if (candidate.getValue().matcher(env).matches()) {
                return Optional.of(candidate.getKey());
            }
        }
        if (env.startsWith("QUARKUS_")) {
            for (Map.Entry<String, List<String>> root : QUARKUS_ROOTS.entrySet()) {
                boolean present = root.getValue().isEmpty() || root.getValue().stream().anyMatch(extensions::contains);
                if (present && env.startsWith(toEnv(root.getKey()) + "_")) {
                    return Optional.of(root.getKey() + ".*");
                }
            }
        }
        if (env.startsWith("MP_MESSAGING_")) {
            for (String channel : channels) {
                if (env.startsWith(toEnv(channel) + "_")) {
                    return Optional.of(channel + ".*");
                }
            }
            if (usesKafka() && env.startsWith("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_")) {
                return Optional.of("mp.messaging.connector.smallrye-kafka.*");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code envFrom} with this prefix names a group of this service's configuration (e.g.
     * {@code TOKEN_STORAGE_KEYS_} for {@code token.storage-keys}): the Secret's keys then complete the names.
     */
    boolean isGroupPrefix(String envPrefix) {
        return groups.stream().anyMatch(group -> envPrefix.equals(toEnv(group) + "_"));
    }

    /** A readable reason for a rejected variable, with the nearest real one. */
    String explainUnknown(String env) {
        String nearest = envPatterns.stream().map(Map.Entry::getKey)
                .map(ServiceConfig::toEnv)
                .min(Comparator.comparingInt(candidate -> distance(candidate, env)))
                .orElse("?");
        return env + " is no configuration property of " + module + " (nearest: " + nearest.replace("*", "<name>")
                + "). Known: its application.properties keys, its @ConfigMapping properties, Quarkus settings under "
                + "the roots its extensions own, its messaging channels' settings, and kafka.* client settings.";
    }

    /** The environment variable name of a property: upper case, every other character an underscore. */
    static String toEnv(String property) {
        StringBuilder out = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            out.append(c == '*' ? '*' : Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
        }
        return out.toString();
    }

    private static Pattern envPattern(String property) {
        String[] parts = property.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(WORDS);
            }
            regex.append(Pattern.quote(toEnv(parts[i])));
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * Whether a variable carries a secret by its name: a word such as SECRET, TOKEN, PASSWORD or KEY, or an
     * AUTH..VALUE pair, after the first word (the service's prefix: TOKEN_ is token-service's), unless the
     * last word says it is about the secret rather than the secret itself (…_FILE, …_INTERVAL, …_HEADER,
     * …_CURRENT: a key id, …_URL).
     */
    static boolean isSecretName(String env) {
        List<String> words = Stream.of(env.toUpperCase(Locale.ROOT).split("_+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toList());
        if (words.size() < 2) {
            return false;
        }
        List<String> rest = words.subList(1, words.size());
        String last = rest.get(rest.size() - 1);
        if (Set.of("FILE", "INTERVAL", "HEADER", "URL", "TTL", "CURRENT", "TIMEOUT", "ID", "PATH", "LOCATION",
                "TYPE", "MODE", "ENABLED", "SIZE", "ALGORITHM", "MECHANISM", "PROTOCOL").contains(last)) {
            return false;
        }
        Set<String> secretWords = Set.of("SECRET", "SECRETS", "TOKEN", "PASSWORD", "PASSWD", "KEY", "KEYS", "SHA256",
                "JAAS", "CREDENTIALS", "PIN");
        if (rest.stream().anyMatch(secretWords::contains)) {
            return true;
        }
        int auth = rest.indexOf("AUTH");
        return auth >= 0 && (rest.contains("VALUE") || auth == rest.size() - 1);
    }

    private static String stripProfile(String key) {
        if (key.startsWith("%")) {
            int dot = key.indexOf('.');
            return dot < 0 ? key : key.substring(dot + 1);
        }
        return key;
    }

    /** The in-repository modules a module consists of: itself and the repository modules it depends on. */
    private static void collectModules(String module, Set<String> into) {
        if (!into.add(module)) {
            return;
        }
        Map<String, String> repoModules = repositoryModules();
        for (String artifact : dependencies(Repo.path(module).resolve("pom.xml"))) {
            String dependencyModule = repoModules.get(artifact);
            if (dependencyModule != null) {
                collectModules(dependencyModule, into);
            }
        }
    }

    /** artifactId to directory, for every module directory of the repository. */
    private static Map<String, String> repositoryModules() {
        Map<String, String> modules = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(Repo.root())) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).forEach(d -> {
                String pom = Repo.read(d.resolve("pom.xml"));
                String afterParent = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
                Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(afterParent);
                if (artifact.find()) {
                    modules.put(artifact.group(1).trim(), d.getFileName().toString());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modules;
    }

    /** The artifactIds of a pom's non-test dependencies. */
    private static Set<String> dependencies(Path pom) {
        Set<String> artifacts = new LinkedHashSet<>();
        if (!Files.isRegularFile(pom)) {
            return artifacts;
        }
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(Repo.read(pom));
        while (dependency.find()) {
            String block = dependency.group(1);
            if (block.contains("<scope>test</scope>")) {
                continue;
            }
            Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(block);
            if (artifact.find()) {
                artifacts.add(artifact.group(1).trim());
            }
        }
        return artifacts;
    }

    static Duration duration(String text) {
        String value = text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a duration: " + text);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

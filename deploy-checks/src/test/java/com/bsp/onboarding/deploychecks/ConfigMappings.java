package com.bsp.onboarding.deploychecks;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The property names a module's SmallRye {@code @ConfigMapping} interfaces define, read from their Java
 * sources (no compilation, no Quarkus): the prefix, then each method's name in kebab case
 * ({@code apiKeySha256()} is {@code api-key-sha256}); a nested interface adds a segment, a
 * {@code Map<String, X>} a wildcard segment {@code *}; Optional, List, Set, Duration, enums and other
 * values are leaves. {@code @WithName} renames a segment, {@code @WithParentName} drops it.
 */
final class ConfigMappings {

    /** What the sources define: leaf patterns (e.g. {@code link.hubs.*.partner-id}) and group paths. */
    record Result(Set<String> leaves, Set<String> groups, Set<String> roots) {
    }

    private record TypeDecl(String kind, String name, String body) {
    }

    private static final Pattern CONFIG_MAPPING = Pattern.compile(
            "@(?:io\\.smallrye\\.config\\.)?ConfigMapping\\s*\\((?<args>(?:[^()\"]|\"(?:[^\"\\\\]|\\\\.)*\")*)\\)");
    private static final Pattern PREFIX = Pattern.compile("prefix\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern TYPE_DECL = Pattern.compile("\\b(interface|enum|class|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern ANNOTATION = Pattern.compile(
            "@(?<name>[\\w.]+)\\s*(?:\\((?<args>(?:[^()\"]|\"(?:[^\"\\\\]|\\\\.)*\")*)\\))?");
    private static final Pattern METHOD = Pattern.compile(
            "^(?<type>[\\w$.<>,?\\s\\[\\]]+?)\\s+(?<name>[A-Za-z_$][\\w$]*)\\s*\\(\\s*\\)$");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private ConfigMappings() {
    }

    /** Reads every {@code @ConfigMapping} under the given source roots (all .java files). */
    static Result read(List<Path> sourceRoots) {
        List<String> sources = new ArrayList<>();
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted()
                        .forEach(f -> sources.add(stripComments(Repo.read(f))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Types are resolved in their own file first (nested interfaces), then anywhere in the sources.
        Map<String, TypeDecl> global = new HashMap<>();
        List<Map<String, TypeDecl>> locals = new ArrayList<>();
        for (String source : sources) {
            Map<String, TypeDecl> local = new HashMap<>();
            collectTypes(source, local);
            locals.add(local);
            local.forEach(global::putIfAbsent);
        }
        Set<String> leaves = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        Set<String> roots = new LinkedHashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            Map<String, TypeDecl> types = new HashMap<>(global);
            types.putAll(locals.get(i));
            Matcher m = CONFIG_MAPPING.matcher(source);
            while (m.find()) {
                Matcher prefix = PREFIX.matcher(m.group("args"));
                String root = prefix.find() ? prefix.group(1) : "";
                roots.add(root);
                Matcher decl = TYPE_DECL.matcher(source);
                if (!decl.find(m.end())) {
                    throw new IllegalStateException("@ConfigMapping without a type after it");
                }
                TypeDecl type = types.get(decl.group(2));
                expand(type, root, types, leaves, groups, new ArrayList<>());
            }
        }
        return new Result(leaves, groups, roots);
    }

    private static void expand(TypeDecl type, String prefix, Map<String, TypeDecl> types, Set<String> leaves,
            Set<String> groups, List<String> path) {
        if (path.contains(type.name())) {
            return; // a recursive mapping: nothing new below
        }
        if (!path.isEmpty() && !prefix.isEmpty()) {
            groups.add(prefix); // a nested group (not a mapping's root: that is a whole namespace)
        }
        path.add(type.name());
        for (String member : topLevelStatements(type.body())) {
            String rest = member.trim();
            String segmentName = null;
            boolean parentName = false;
            Matcher annotation = ANNOTATION.matcher(rest);
            while (annotation.lookingAt()) {
                String name = annotation.group("name");
                String simple = name.substring(name.lastIndexOf('.') + 1);
                if (simple.equals("WithName")) {
                    Matcher value = STRING.matcher(annotation.group("args") == null ? "" : annotation.group("args"));
                    if (value.find()) {
                        segmentName = value.group(1);
                    }
                } else if (simple.equals("WithParentName")) {
                    parentName = true;
                }
                rest = rest.substring(annotation.end()).trim();
                annotation = ANNOTATION.matcher(rest);
            }
            if (rest.startsWith("default ") || rest.startsWith("static ") || rest.contains("=")) {
                continue; // constants and default methods are no properties
            }
            Matcher method = METHOD.matcher(rest.replaceAll("\\s+", " ").trim());
            if (!method.matches()) {
                continue;
            }
            String segment = parentName ? "" : (segmentName != null ? segmentName : kebab(method.group("name")));
            String name = join(prefix, segment);
            addType(method.group("type").replaceAll("\\s+", ""), name, types, leaves, groups, path);
        }
        path.remove(path.size() - 1);
    }

    private static void addType(String type, String name, Map<String, TypeDecl> types, Set<String> leaves,
            Set<String> groups, List<String> path) {
        String raw = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
        raw = raw.substring(raw.lastIndexOf('.') + 1);
        String arguments = type.contains("<") ? type.substring(type.indexOf('<') + 1, type.lastIndexOf('>')) : "";
        switch (raw) {
            case "Optional" -> addType(arguments, name, types, leaves, groups, path);
            case "Map" -> {
                List<String> args = splitTypeArguments(arguments);
                String value = args.size() == 2 ? args.get(1) : "String";
                groups.add(name);
                addType(value, join(name, "*"), types, leaves, groups, path);
            }
            case "List", "Set", "Collection" -> leaves.add(name);
            default -> {
                TypeDecl nested = types.get(raw);
                if (nested != null && nested.kind().equals("interface")) {
                    expand(nested, name, types, leaves, groups, path);
                } else {
                    leaves.add(name);
                }
            }
        }
    }

    private static List<String> splitTypeArguments(String arguments) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(arguments.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(arguments.substring(start));
        return parts;
    }

    private static String join(String prefix, String segment) {
        if (segment.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() ? segment : prefix + "." + segment;
    }

    /** SmallRye's default naming: camelCase methods become kebab-case property segments. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean previousLowerOrDigit = i > 0
                        && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)));
                boolean acronymEnd = i > 0 && Character.isUpperCase(name.charAt(i - 1)) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if (previousLowerOrDigit || acronymEnd) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every type declared in a source (nested ones too), by simple name, with its body between braces. */
    private static void collectTypes(String source, Map<String, TypeDecl> types) {
        Matcher m = TYPE_DECL.matcher(source);
        while (m.find()) {
            int open = source.indexOf('{', m.end());
            if (open < 0) {
                continue;
            }
            // "interface" in an annotation (@interface) is a type too; an identifier between the name and the
            // brace (extends, implements, generics) is fine; a ';' first means this was no declaration.
            int semicolon = source.indexOf(';', m.end());
            if (semicolon >= 0 && semicolon < open) {
                continue;
            }
            int close = matchingBrace(source, open);
            types.putIfAbsent(m.group(2), new TypeDecl(m.group(1), m.group(2), source.substring(open + 1, close)));
        }
    }

    /** The member statements of a type body at its own level: nested bodies ({...}) are skipped. */
    private static List<String> topLevelStatements(String body) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' || c == '\'') {
                int end = skipLiteral(body, i);
                current.append(body, i, end);
                i = end - 1;
            } else if (c == '{') {
                i = matchingBrace(body, i);
                current.setLength(0); // a nested type or a method body: not a member declaration
            } else if (c == ';') {
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return statements;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(text, i) - 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("Unbalanced braces in a Java source");
    }

    /** The index just past the string, text block or char literal starting at {@code start}. */
    private static int skipLiteral(String text, int start) {
        char quote = text.charAt(start);
        if (quote == '"' && text.startsWith("\"\"\"", start)) {
            int end = text.indexOf("\"\"\"", start + 3);
            return end < 0 ? text.length() : end + 3;
        }
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return text.length();
    }

    /** Removes // and block comments, keeping string and char literals intact. */
    static String stripComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = skipLiteral(source, i);
                out.append(source, i, end);
                i = end - 1;
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                i = (end < 0 ? source.length() : end) - 1;
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = (end < 0 ? source.length() : end + 2) - 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

package com.bsp.onboarding.deploychecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** YAML (one or many documents) into Jackson trees. */
final class Yaml {

    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    static List<JsonNode> documents(String text, String origin) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Unparseable YAML in " + origin + ": " + e.getMessage(), e);
        }
        return documents;
    }

    static JsonNode document(String text, String origin) {
        List<JsonNode> documents = documents(text, origin);
        if (documents.size() != 1) {
            throw new IllegalStateException(origin + " should hold one YAML document, it holds " + documents.size());
        }
        return documents.get(0);
    }
}

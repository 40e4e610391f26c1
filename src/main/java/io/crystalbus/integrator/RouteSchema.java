package io.crystalbus.integrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.DefaultJsonNodeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a route file against the JSON schema of the Camel YAML DSL that ships inside {@code camel-yaml-dsl}
 * ({@code schema/camelYamlDsl.json}), so an unknown EIP, a misspelt key or a value of the wrong kind is found
 * before anything is loaded.
 */
public final class RouteSchema {
    private static final String SCHEMA = "schema/camelYamlDsl.json";
    private static final java.util.Set<String> SCALARS = java.util.Set.of("number", "integer", "boolean");
    private static final java.util.Set<String> COMPOSITES = java.util.Set.of("oneOf", "anyOf", "allOf", "not");
    private final JsonSchema schema;

    public RouteSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.jsonNodeReader(DefaultJsonNodeReader.builder().locationAware().build()));
        try (InputStream in = RouteSchema.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not on the class path (camel-yaml-dsl)");
            }
            JsonNode tree = new ObjectMapper().readTree(in);
            acceptPlaceholders(tree);
            schema = factory.getSchema(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lets every number and boolean also be a string: the YAML DSL reads a value such as
     * {@code maximumRedeliveries: "{{crystal.redelivery.maximum}}"} and resolves the placeholder before it
     * converts it, but the schema says "number". A string that is no number fails the load check instead.
     */
    private static void acceptPlaceholders(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type != null && type.isTextual() && SCALARS.contains(type.asText())) {
                object.set("type", object.arrayNode().add(type.asText()).add("string"));
            }
        }
        node.forEach(RouteSchema::acceptPlaceholders);
    }

    /**
     * The schema's findings, one per line. Where one mistake breaks every
     * alternative of a {@code oneOf}, the finding further down that names it is kept, not the {@code oneOf}.
     */
    public List<Problem> check(RouteFile file) {
        if (file.tree() == null) {
            return List.of(file.syntaxError());
        }
        List<ValidationMessage> messages = new ArrayList<>(schema.validate(file.text(), InputFormat.YAML));
        Map<Integer, ValidationMessage> byLine = new LinkedHashMap<>();
        for (ValidationMessage message : messages) {
            if (explainedBelow(message, messages)) {
                continue;
            }
            int line = RouteFile.lineOf(message.getInstanceNode());
            ValidationMessage kept = byLine.get(line);
            if (kept == null || depth(message) > depth(kept)) {
                byLine.put(line, message);
            }
        }
        List<Problem> problems = new ArrayList<>();
        byLine.forEach((line, message) -> problems.add(new Problem(file.name(), line, message.getMessage())));
        problems.sort(Comparator.comparingInt(Problem::line));
        return problems;
    }

    /** A oneOf/anyOf/allOf/not failure with another finding at or under its place: that finding says what is wrong. */
    private static boolean explainedBelow(ValidationMessage message, List<ValidationMessage> all) {
        if (!COMPOSITES.contains(message.getType())) {
            return false;
        }
        String at = message.getInstanceLocation().toString();
        for (ValidationMessage other : all) {
            String there = other.getInstanceLocation().toString();
            if (other != message && !COMPOSITES.contains(other.getType())
                    && (there.equals(at) || there.startsWith(at + ".") || there.startsWith(at + "["))) {
                return true;
            }
        }
        return false;
    }

    private static int depth(ValidationMessage message) {
        return message.getInstanceLocation().getNameCount();
    }

}

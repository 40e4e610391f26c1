package io.crystalbus.integrator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.serialization.DefaultJsonNodeReader;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.utils.JsonNodes;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A route file read for checking: its text, and its YAML as a tree whose nodes know their line (or the YAML
 * error that kept it from being read).
 */
public final class RouteFile {
    private static final JsonNodeReader READER = DefaultJsonNodeReader.builder().locationAware().build();

    private final String name;
    private final String text;
    private final JsonNode tree;
    private final Problem syntaxError;

    private RouteFile(String name, String text, JsonNode tree, Problem syntaxError) {
        this.name = name;
        this.text = text;
        this.tree = tree;
        this.syntaxError = syntaxError;
    }

    public static RouteFile read(String name, String text) {
        try {
            return new RouteFile(name, text, READER.readTree(text, InputFormat.YAML), null);
        } catch (IOException | IllegalArgumentException e) {
            // the reader wraps the YAML parser's exception, which says what and where
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                    String context = yaml.getContext() == null ? "" : yaml.getContext()
                            + (yaml.getContextMark() == null ? "" : " (from line " + (yaml.getContextMark().getLine() + 1) + ")") + ": ";
                    String what = context + yaml.getProblem();
                    return new RouteFile(name, text, null, new Problem(name, yaml.getProblemMark().getLine() + 1, "not valid YAML: " + what));
                }
            }
            return new RouteFile(name, text, null, new Problem(name, 0, "cannot read: " + e.getMessage()));
        }
    }

    public static RouteFile read(Path path) throws IOException {
        return read(path.getFileName().toString(), java.nio.file.Files.readString(path));
    }

    /** The line of a node of this file's tree (0 when unknown). */
    public static int lineOf(JsonNode node) {
        JsonLocation location = node == null ? null : JsonNodes.tokenLocationOf(node);
        return location == null ? 0 : location.getLineNr();
    }

    /** The first line at or after {@code fromLine} that contains {@code token}, else {@code fromLine}. */
    public int lineContaining(String token, int fromLine) {
        String[] lines = text.split("\n", -1);
        for (int i = Math.max(0, fromLine - 1); i < lines.length; i++) {
            if (lines[i].contains(token)) {
                return i + 1;
            }
        }
        return fromLine;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The YAML tree, or null when the file is not valid YAML (see {@link #syntaxError}). */
    public JsonNode tree() {
        return tree;
    }

    public Problem syntaxError() {
        return syntaxError;
    }
}

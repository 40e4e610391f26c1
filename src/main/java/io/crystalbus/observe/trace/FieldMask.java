package io.crystalbus.observe.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fields named in {@code crystal.trace.mask} (customer and agent ids, credentials), hidden wherever a message
 * is shown: in a parsed tree at any depth, and in text that did not parse (a refused request's body), where a
 * JSON {@code "name": value} or YAML {@code name: value} pair has its value replaced.
 */
public final class FieldMask {
    public static final String MASK = "***";
    private final Set<String> names;
    private final Pattern inText;

    public FieldMask(Set<String> names) {
        this.names = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        String alternatives = names.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        // "name" : "value" | "name": 123 | name: value (to the end of the line or the next comma or brace)
        this.inText = names.isEmpty() ? null : Pattern.compile("(?i)(\"?(?:" + alternatives + ")\"?\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\n\\r]*)");
    }

    public boolean masks(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Masks the tree in place and returns it. */
    public JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                if (masks(field)) {
                    object.put(field, MASK);
                } else {
                    mask(object.get(field));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(this::mask);
        }
        return node;
    }

    /** The text with the values of masked fields replaced. */
    public String mask(String text) {
        if (inText == null || text == null) {
            return text;
        }
        Matcher matcher = inText.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + (match.group(2).startsWith("\"") ? "\"" + MASK + "\"" : MASK)));
    }
}

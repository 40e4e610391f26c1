package io.crystalbus.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.crystalbus.message.InvalidMessageException;
import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one message or a list of messages of one type from an untrusted body, and turns every parse or
 * mapping failure into an {@link InvalidMessageException} that names the field and the rule.
 */
public final class MessageReader {
    private final Mappers mappers;

    public MessageReader(Mappers mappers) {
        this.mappers = mappers;
    }

    /** A single object gives a list of one; a JSON array or YAML sequence gives its items. */
    public <T> List<T> readItems(byte[] body, WireFormat format, Class<T> type) {
        if (body == null || body.length == 0 || isBlank(body)) {
            throw new InvalidMessageException("body", null, "must hold one message or a list of messages");
        }
        if (body.length > mappers.limits().maxBodyBytes()) {
            throw new InvalidMessageException("body", body.length + " bytes", "must be at most " + mappers.limits().maxBodyBytes() + " bytes");
        }
        ObjectMapper mapper = mappers.forFormat(format);
        try (JsonParser parser = AliasRefusingParser.wrap(mapper.createParser(body))) {
            JsonToken first = parser.nextToken();
            List<T> items;
            if (first == JsonToken.START_ARRAY) {
                JavaType listType = mapper.getTypeFactory().constructCollectionType(List.class, type);
                items = mapper.readerFor(listType).readValue(parser);
            } else if (first == JsonToken.START_OBJECT) {
                items = List.of(mapper.readerFor(type).<T>readValue(parser));
            } else {
                throw new InvalidMessageException("body", first == null ? null : parser.getText(),
                        "must be an object or a list of objects");
            }
            checkItems(items);
            return items;
        } catch (IOException | RuntimeException e) {
            throw invalid(e, format.name());
        }
    }

    /**
     * The clear rejection for whatever went wrong reading a message: a field's rule for a mapping error, the
     * limit for a parsing limit, the place for a syntax error.
     */
    public static InvalidMessageException invalid(Exception e, String formatName) {
        // a codec stream or a nested reader may have raised the clear rejection under a parser's or mapper's wrapping
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidMessageException invalid) {
                return invalid;
            }
        }
        if (e instanceof JsonMappingException mapping) {
            return new InvalidMessageException(pathOf(mapping), valueOf(mapping), ruleOf(mapping));
        }
        if (e instanceof StreamConstraintsException limit) {
            return new InvalidMessageException("body", null, "exceeds a parsing limit: " + limit.getOriginalMessage());
        }
        if (e instanceof JsonProcessingException syntax) {
            return new InvalidMessageException("body", null, "is not valid " + formatName + ": " + describe(syntax));
        }
        // SnakeYAML reports its limits (aliases, depth, size) as runtime exceptions
        return new InvalidMessageException("body", null, "is not valid " + formatName + ": " + firstLine(e.getMessage()));
    }

    private void checkItems(List<?> items) {
        if (items.isEmpty()) {
            throw new InvalidMessageException("body", "[]", "must hold at least one message");
        }
        if (items.size() > mappers.limits().maxItems()) {
            throw new InvalidMessageException("body", items.size() + " items", "must hold at most " + mappers.limits().maxItems() + " messages");
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new InvalidMessageException("[" + i + "]", null, "must be a message object, not null");
            }
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    private static Object valueOf(JsonMappingException e) {
        return e instanceof InvalidFormatException invalid ? invalid.getValue() : null;
    }

    private static String ruleOf(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null) {
            return "cannot be read: " + firstLine(e.getOriginalMessage());
        }
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            return "must be a whole number (amounts are minor units, e.g. cents)";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (Temporal.class.isAssignableFrom(target)) {
            return "must be an ISO-8601 UTC time such as 2026-11-27T12:00:00Z";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type (expected " + target.getSimpleName() + ")";
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return firstLine(e.getOriginalMessage()) + where;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}

package io.crystalbus.message;

/**
 * One broken rule of one field, phrased for the person who has to fix the message.
 *
 * @param field the field path, e.g. {@code [3].stake}
 * @param value the offending value as text (shortened), or null when it was missing
 * @param rule  what the value must be, e.g. {@code must be between 0 and 1000000000000}
 */
public record Violation(String field, String value, String rule) {
    private static final int MAX_VALUE_LENGTH = 80;

    public static Violation of(String field, Object value, String rule) {
        return new Violation(field, value == null ? null : shorten(String.valueOf(value)), rule);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "...";
    }

    public Violation under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return new Violation(field.isEmpty() ? prefix : prefix + "." + field, value, rule);
    }

    @Override
    public String toString() {
        return field + (value == null ? "" : " (" + value + ")") + ": " + rule;
    }
}

package io.crystalbus.message;

import java.util.List;
import java.util.stream.Collectors;

/** A message that breaks one or more field rules; lists each broken rule. */
public class InvalidMessageException extends RejectedMessageException {
    private final List<Violation> violations;

    public InvalidMessageException(List<Violation> violations) {
        super("invalid", violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public InvalidMessageException(String field, Object value, String rule) {
        this(List.of(Violation.of(field, value, rule)));
    }

    public List<Violation> violations() {
        return violations;
    }
}

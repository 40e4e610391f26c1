package io.crystalbus.message;

/** A message that enters the bus from outside: it checks its own fields and names its idempotency key. */
public interface Inbound {

    void validate(Violations violations);

    /** The checks for a message that arrives from outside (the API, a file): by default the same. */
    default void validateRequest(Violations violations) {
        validate(violations);
    }

    /** Throws {@link InvalidMessageException} listing every broken rule. */
    default void requireValid() {
        Violations violations = new Violations();
        validate(violations);
        violations.throwIfAny();
    }

    /** The idempotency key the sender gave, or null. */
    String messageId();

    /**
     * The key that makes a repeat of this message recognisable when the sender gave none (a wager is settled
     * once: its wager id), or null when the message has none. Scoped by the message type ({@link MessageIds}).
     */
    default String naturalKey() {
        return null;
    }
}

package io.crystalbus.message;

/**
 * A message that can never succeed, however often it is retried: it goes to the dead-letter channel at
 * once (no redelivery), and at the API it is answered with 400.
 */
public class RejectedMessageException extends RuntimeException {
    private final String reason;

    public RejectedMessageException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** A short machine-readable reason, used as the dead-letter reason and metric tag. */
    public String reason() {
        return reason;
    }
}

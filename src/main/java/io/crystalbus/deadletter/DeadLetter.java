package io.crystalbus.deadletter;

import java.time.Instant;

/**
 * A message that failed for good, or an input that was rejected at the door.
 *
 * @param stage     where it failed: a route id such as {@code balance}, or {@code ingress}
 * @param reason    short machine-readable reason, e.g. {@code invalid}, {@code currency-mismatch}
 * @param error     the error, phrased for a person
 * @param body      the message, shortened (never a whole large body)
 */
public record DeadLetter(long id, Instant at, String stage, String messageId, String type, String reason,
                         String error, String body) {
}

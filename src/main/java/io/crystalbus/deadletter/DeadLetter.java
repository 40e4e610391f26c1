package io.crystalbus.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A message that failed for good, or an input that was rejected at the door.
 *
 * @param stage       where it failed: a route id such as {@code balance}, or {@code ingress:...}
 * @param reason      short machine-readable reason, e.g. {@code invalid}, {@code currency-mismatch}
 * @param error       the error, phrased for a person
 * @param body        the message, shortened (never a whole large body)
 * @param replayRoute the route a replay sends the message to again (the route that took it from its inbox);
 *                    null when it cannot be replayed (an input rejected at the door never entered the bus)
 * @param replayedAt  when it was replayed, null until then
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(long id, Instant at, String stage, String messageId, String type, String reason,
                         String error, String body, String replayRoute, Instant replayedAt) {

    public boolean replayable() {
        return replayRoute != null;
    }

    DeadLetter replayed(Instant when) {
        return new DeadLetter(id, at, stage, messageId, type, reason, error, body, replayRoute, when);
    }
}

package io.crystalbus.observe.alert;

import java.time.Instant;

/**
 * An alert that fired or resolved: the message the evaluator sends to the {@code alert} route.
 *
 * @param state {@code FIRING} or {@code RESOLVED}
 */
public record Alert(String name, String description, String state, double value, double threshold, Instant since,
                    Instant at) {
}

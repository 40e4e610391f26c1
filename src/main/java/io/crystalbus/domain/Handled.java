package io.crystalbus.domain;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.message.RejectedMessageException;
import java.util.List;

/**
 * What a domain service did with the messages it was given (one, or a batch: the same call): the messages it
 * sends on, each with its envelope, and the ones it refused for good, each with its reason. Whoever called it
 * decides what a refusal becomes (a dead letter of the message, or of one item of a batch).
 */
public record Handled<R>(List<BatchItem<R>> results, List<Refused> refused) {

    /** A message the domain can never apply, and why. */
    public record Refused(BatchItem<?> item, RejectedMessageException error) {
    }

    public static <R> Handled<R> nothingSent(List<Refused> refused) {
        return new Handled<>(List.of(), refused);
    }
}

package io.crystalbus.domain;

import io.crystalbus.batch.BatchItem;
import java.util.List;

/** Typed messages as a domain service takes them, for the domain tests: no Camel in sight. */
final class Items {
    static final long CREATED_AT = 1_700_000_000_000_000L;

    private Items() {
    }

    static <T> BatchItem<T> item(String messageId, T message) {
        return new BatchItem<>(messageId, "corr-" + messageId, CREATED_AT, message);
    }

    static <T> List<BatchItem<T>> one(String messageId, T message) {
        return List.of(item(messageId, message));
    }
}

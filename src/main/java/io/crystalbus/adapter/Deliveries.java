package io.crystalbus.adapter;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Batches;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import java.util.List;
import org.apache.camel.Message;

/**
 * A Camel message as the typed messages a domain service takes: a batch (header {@code CrystalBatchSize}, by
 * reference or as a frame) as its items, a single message as a list of one, its envelope read from the headers.
 */
public final class Deliveries {
    private final Batches batches;

    public Deliveries(Batches batches) {
        this.batches = batches;
    }

    public <T> List<BatchItem<T>> of(Message message, Class<T> type) {
        if (Batches.isBatch(message)) {
            return batches.items(message, type);
        }
        return List.of(new BatchItem<>(Envelope.messageId(message), message.getHeader(CrystalHeaders.CORRELATION_ID, String.class),
                message.getHeader(CrystalHeaders.CREATED_AT, Long.class), Envelope.body(message, type)));
    }
}

package io.crystalbus.domain.collections;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Batches;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.CollectionReceived;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import io.crystalbus.message.RejectedMessageException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Message;

/** The collections domain's handler (bean {@code collections}): validates a collection and forwards it as a credit. */
public final class CollectionService {
    public static final String DOMAIN = "collections";
    private static final String BALANCE_SUFFIX = "balance";
    private final Batches batches;
    private final DeadLetters deadLetters;

    public CollectionService(Batches batches, DeadLetters deadLetters) {
        this.batches = batches;
        this.deadLetters = deadLetters;
    }

    /** The body becomes the {@link BalanceAdjust} that credits the collected amount. */
    public void forward(Message message) {
        Envelope.forward(message, credit(Envelope.body(message, CollectionReceived.class)), DOMAIN,
                MessageType.BALANCE_ADJUST.wireName(), BALANCE_SUFFIX);
    }

    /**
     * A batch of collections (a list the API accepted whole) becomes the batch of their credits; a collection
     * that breaks a rule becomes a dead letter on its own.
     */
    public void forwardBatch(Message message) {
        List<BatchItem<?>> credits = new ArrayList<>();
        for (BatchItem<CollectionReceived> item : batches.items(message, CollectionReceived.class)) {
            try {
                credits.add(new BatchItem<>(item.messageId() + "/" + BALANCE_SUFFIX, item.correlationId(), item.createdAt(), credit(item.message())));
            } catch (RejectedMessageException e) {
                deadLetters.rejectItem(DOMAIN, item.messageId(), MessageType.COLLECTION_RECEIVED.wireName(), e, item.message());
            }
        }
        Envelope.forward(message, new Batch(credits), DOMAIN, MessageType.BALANCE_ADJUST.wireName(), BALANCE_SUFFIX);
        message.setHeader(CrystalHeaders.BATCH_SIZE, credits.size());
        message.removeHeaders("Content-*");
    }

    private static BalanceAdjust credit(CollectionReceived collection) {
        collection.requireValid();
        return new BalanceAdjust(collection.customerId(), collection.currency(), collection.amount(),
                AdjustReason.COLLECTION, collection.collectionId());
    }
}

package io.crystalbus.domain.collections;

import io.crystalbus.batch.BatchItem;
import io.crystalbus.domain.Handled;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.CollectionReceived;
import io.crystalbus.message.RejectedMessageException;
import java.util.ArrayList;
import java.util.List;

/** The collections domain: validates collections (deposits, payments) and turns them into credits. */
public final class CollectionService {
    public static final String DOMAIN = "collections";

    /**
     * Results: each collection's {@link BalanceAdjust} crediting the collected amount, under the collection's id
     * with {@code /balance}. A collection that breaks a rule is refused on its own.
     */
    public Handled<BalanceAdjust> credit(List<BatchItem<CollectionReceived>> collections) {
        List<BatchItem<BalanceAdjust>> credits = new ArrayList<>(collections.size());
        List<Handled.Refused> refused = new ArrayList<>(0);
        for (BatchItem<CollectionReceived> item : collections) {
            try {
                credits.add(new BatchItem<>(item.messageId() + "/balance", item.correlationId(), item.createdAt(), credit(item.message())));
            } catch (RejectedMessageException e) {
                refused.add(new Handled.Refused(item, e));
            }
        }
        return new Handled<>(credits, refused);
    }

    private static BalanceAdjust credit(CollectionReceived collection) {
        collection.requireValid();
        return new BalanceAdjust(collection.customerId(), collection.currency(), collection.amount(),
                AdjustReason.COLLECTION, collection.collectionId());
    }
}

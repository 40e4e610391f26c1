package io.crystalbus.domain.collections;

import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.CollectionReceived;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import org.apache.camel.Message;

/** The collections domain's handler (bean {@code collections}): validates a collection and forwards it as a credit. */
public final class CollectionService {
    public static final String DOMAIN = "collections";

    /** The body becomes the {@link BalanceAdjust} that credits the collected amount. */
    public void forward(Message message) {
        CollectionReceived collection = Envelope.body(message, CollectionReceived.class);
        collection.requireValid();
        BalanceAdjust credit = new BalanceAdjust(collection.customerId(), collection.currency(), collection.amount(),
                AdjustReason.COLLECTION, collection.collectionId());
        Envelope.forward(message, credit, DOMAIN, MessageType.BALANCE_ADJUST.wireName(), "balance");
    }
}

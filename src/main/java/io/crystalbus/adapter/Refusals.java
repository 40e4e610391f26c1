package io.crystalbus.adapter;

import io.crystalbus.batch.Batches;
import io.crystalbus.deadletter.DeadLetters;
import io.crystalbus.domain.Handled;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.MessageType;
import java.util.List;
import org.apache.camel.Message;

/**
 * What a domain refused, as dead letters: a single message's refusal is thrown, so the route's error handler
 * dead-letters the message as it does any failure (replayable, counted); a batch's refused items each become a
 * dead letter of their own and the rest of the batch goes on (header {@code CrystalBatchRejected}: how many).
 */
public final class Refusals {
    private final DeadLetters deadLetters;

    public Refusals(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    public void handle(Message message, String domain, List<Handled.Refused> refused) {
        if (!Batches.isBatch(message)) {
            if (!refused.isEmpty()) {
                throw refused.get(0).error();
            }
            return;
        }
        for (Handled.Refused item : refused) {
            deadLetters.rejectItem(domain, item.item().messageId(), MessageType.wireNameOf(item.item().message()), item.error(), item.item().message());
        }
        message.setHeader(CrystalHeaders.BATCH_REJECTED, refused.size());
    }
}

package io.crystalbus.adapter;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Batches;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Envelope;
import io.crystalbus.message.MessageType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * The results become the list of follow-up messages in the body, in the domain's order, for the route to split
 * and send by type: from a single message one message per result, each with its envelope; from a batch one
 * batch per message type (in the order the types first appear), its id the batch's with {@code /<type>}.
 */
public final class FollowUps implements Results {

    @Override
    public void write(Message message, String domain, List<? extends BatchItem<?>> results) {
        message.setBody(Batches.isBatch(message) ? batchesByType(message, domain, results) : oneByOne(message, domain, results));
    }

    private static List<Message> oneByOne(Message parent, String domain, List<? extends BatchItem<?>> results) {
        List<Message> followUps = new ArrayList<>(results.size());
        long sentAt = Clock.nowMicros();
        for (BatchItem<?> result : results) {
            followUps.add(Batches.asMessage(parent.getExchange().getContext(), result, MessageType.wireNameOf(result.message()), domain, sentAt));
        }
        return followUps;
    }

    private static List<Message> batchesByType(Message parent, String domain, List<? extends BatchItem<?>> results) {
        Map<String, List<BatchItem<?>>> byType = new LinkedHashMap<>();
        for (BatchItem<?> result : results) {
            byType.computeIfAbsent(MessageType.wireNameOf(result.message()), type -> new ArrayList<>()).add(result);
        }
        List<Message> followUps = new ArrayList<>(byType.size());
        byType.forEach((type, items) -> {
            Message next = new DefaultMessage(parent.getExchange().getContext());
            next.setBody(new Batch(items));
            next.setHeader(CrystalHeaders.BATCH_SIZE, items.size());
            Envelope.followUp(parent, next, domain, type, type);
            followUps.add(next);
        });
        return followUps;
    }
}

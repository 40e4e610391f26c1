package io.crystalbus.adapter;

import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Batches;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Message;

/**
 * The results replace the message's body, which is then of {@code type} from the domain: a single message
 * becomes its one result, a batch becomes the batch of its results (header {@code CrystalBatchSize}: how many);
 * without results the body is null, so a route's {@code filter} on {@code ${body} != null} sends nothing empty on. A result handed on to another domain ({@link #handedOn}) is a
 * follow-up: the batch's id gets the suffix its items got, and the hand-off time is stamped for the hop latency.
 */
public final class ReplacedBody implements Results {
    private final String type;
    private final String batchIdSuffix;

    private ReplacedBody(MessageType type, String batchIdSuffix) {
        this.type = type.wireName();
        this.batchIdSuffix = batchIdSuffix;
    }

    /** The same message, now of another type (its id stays). */
    public static ReplacedBody retyped(MessageType type) {
        return new ReplacedBody(type, null);
    }

    /** A follow-up for another domain, its batch's id with {@code /<idSuffix>}. */
    public static ReplacedBody handedOn(MessageType type, String idSuffix) {
        return new ReplacedBody(type, idSuffix);
    }

    @Override
    public void write(Message message, String domain, List<? extends BatchItem<?>> results) {
        message.setHeader(CrystalHeaders.TYPE, type);
        message.setHeader(CrystalHeaders.SOURCE, domain);
        if (batchIdSuffix != null) {
            message.setHeader(CrystalHeaders.SENT_AT, Clock.nowMicros());
        }
        if (Batches.isBatch(message)) {
            if (batchIdSuffix != null) {
                message.setHeader(CrystalHeaders.MESSAGE_ID, message.getHeader(CrystalHeaders.MESSAGE_ID, String.class) + "/" + batchIdSuffix);
            }
            message.setHeader(CrystalHeaders.BATCH_SIZE, results.size());
            message.removeHeaders("Content-*");
            message.setBody(results.isEmpty() ? null : new Batch(new ArrayList<>(results)));
        } else if (results.isEmpty()) {
            message.setBody(null);
        } else if (results.size() == 1) {
            BatchItem<?> result = results.get(0);
            message.setHeader(CrystalHeaders.MESSAGE_ID, result.messageId());
            message.setBody(result.message());
        } else {
            throw new IllegalStateException(domain + " gave " + results.size() + " results for one message; it replaces the body with one");
        }
    }
}

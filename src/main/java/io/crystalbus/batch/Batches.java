package io.crystalbus.batch;

import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.Clock;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Inbound;
import io.crystalbus.message.InvalidMessageException;
import io.crystalbus.codec.OversizedBody;
import io.crystalbus.codec.WireCodec;
import io.crystalbus.message.MessageType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * The receiving side of a batch: its items, whether it came by reference or as a (compressed) frame. A frame
 * is decompressed and decoded as one stream; every item must carry a message id and a body, and the count
 * must match the {@code CrystalBatchSize} header, or the whole batch is refused as corrupt.
 */
public final class Batches {
    private final FrameReader frames;

    public Batches(FrameReader frames) {
        this.frames = frames;
    }

    public static boolean isBatch(Message message) {
        return message.getHeader(CrystalHeaders.BATCH_SIZE) != null;
    }

    public <T> List<BatchItem<T>> items(Message message, Class<T> type) {
        OversizedBody.refuse(message.getBody());
        Integer declared = message.getHeader(CrystalHeaders.BATCH_SIZE, Integer.class);
        List<BatchItem<T>> items = message.getBody() instanceof Batch batch ? byReference(batch, type) : decode(message, type);
        if (declared != null && declared != items.size()) {
            throw new InvalidMessageException(CrystalHeaders.BATCH_SIZE, declared, "says " + declared + " messages but the batch holds " + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            BatchItem<T> item = items.get(i);
            if (item == null || item.messageId() == null || item.message() == null) {
                throw new InvalidMessageException("[" + i + "]", null, "a batch item needs a messageId and a message");
            }
            if (item.message() instanceof Inbound inbound && WireCodec.crossedABroker(message)) {
                inbound.requireValid();
            }
        }
        return items;
    }

    /**
     * The batch as its single messages again (bean {@code batches}, method {@code unbatch}), each with the
     * envelope it had in the batch, for a route to split: for a channel whose messages travel one by one.
     */
    public List<Message> unbatch(Message batch) {
        String type = batch.getHeader(CrystalHeaders.TYPE, String.class);
        String source = batch.getHeader(CrystalHeaders.SOURCE, String.class);
        List<? extends BatchItem<?>> items = items(batch, MessageType.of(type).javaType());
        List<Message> messages = new ArrayList<>(items.size());
        long sentAt = Clock.nowMicros();
        for (BatchItem<?> item : items) {
            messages.add(asMessage(batch.getExchange().getContext(), item, type, source, sentAt));
        }
        return messages;
    }

    /** One item as a message of its own, with its envelope, handed on by {@code source} at {@code sentAt}. */
    public static Message asMessage(CamelContext context, BatchItem<?> item, String type, String source, long sentAt) {
        Message message = new DefaultMessage(context);
        message.setHeader(CrystalHeaders.MESSAGE_ID, item.messageId());
        message.setHeader(CrystalHeaders.TYPE, type);
        message.setHeader(CrystalHeaders.SOURCE, source);
        message.setHeader(CrystalHeaders.CORRELATION_ID, item.correlationId());
        message.setHeader(CrystalHeaders.CREATED_AT, item.createdAt());
        message.setHeader(CrystalHeaders.SENT_AT, sentAt);
        message.setBody(item.message());
        return message;
    }

    private <T> List<BatchItem<T>> decode(Message message, Class<T> type) {
        String contentType = message.getHeader(CrystalHeaders.CONTENT_TYPE, String.class);
        WireFormat format = WireFormat.forContentType(contentType);
        if (format == null) {
            throw new InvalidMessageException("Content-Type", contentType, "a batch frame needs a wire format (application/json, application/yaml, application/cbor)");
        }
        Compression compression = Compression.ofContentEncoding(message.getHeader(CrystalHeaders.CONTENT_ENCODING, String.class));
        Object body = message.getBody();
        InputStream frame = body instanceof byte[] bytes ? new ByteArrayInputStream(bytes) : message.getBody(InputStream.class);
        if (frame == null) {
            throw new InvalidMessageException("body", null, "a batch frame must not be empty");
        }
        return frames.readAll(frame, format, compression, frames.itemType(type));
    }

    /** The batch's own list, once every message is checked to be of the expected type. */
    @SuppressWarnings("unchecked")
    private static <T> List<BatchItem<T>> byReference(Batch batch, Class<T> type) {
        for (BatchItem<?> item : batch.items()) {
            if (item != null && item.message() != null && !type.isInstance(item.message())) {
                throw new InvalidMessageException("message", item.message().getClass().getSimpleName(), "a batch for " + type.getSimpleName() + " holds another type");
            }
        }
        return (List<BatchItem<T>>) (List<?>) batch.items();
    }
}

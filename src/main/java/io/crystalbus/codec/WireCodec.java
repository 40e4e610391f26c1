package io.crystalbus.codec;

import io.crystalbus.batch.Batches;
import io.crystalbus.message.CrystalHeaders;
import io.crystalbus.message.Inbound;
import io.crystalbus.message.InvalidMessageException;
import io.crystalbus.message.MessageType;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultMessage;

/**
 * Encodes a message for a channel's wire mode and decodes it at the receiving domain (bean {@code wire}).
 * The receiver decodes by {@code Content-Type}, whatever mode the sender used, so a message already in flight
 * is consumed after a mode change or a rollback. {@code object} mode sends the typed object by reference.
 */
public final class WireCodec {
    public static final String BATCH_MODE = "batch";
    private final Mappers mappers;

    public WireCodec(Mappers mappers) {
        this.mappers = mappers;
    }

    /**
     * Encodes the body in the mode ({@code object}, {@code json}, {@code yaml}, {@code cbor}); mode {@code batch}
     * leaves it to the flow's batcher, which encodes the whole batch at once.
     */
    public void encode(Message message, String mode) throws IOException {
        if (BATCH_MODE.equals(mode)) {
            message.removeHeader(CrystalHeaders.CONTENT_TYPE);
            message.setHeader(CrystalHeaders.BATCHED, Boolean.TRUE);
            return;
        }
        WireFormat format = WireFormat.ofMode(mode);
        if (format == null) {
            message.removeHeader(CrystalHeaders.CONTENT_TYPE);
            return;
        }
        message.setBody(mappers.forFormat(format).writeValueAsBytes(message.getBody()));
        message.setHeader(CrystalHeaders.CONTENT_TYPE, format.contentType());
    }

    /**
     * The decode step as a processor (bean {@code wireDecode}, {@code process: ref: wireDecode}): a {@code bean}
     * step makes Camel look up the method for every message.
     */
    public Processor decoder() {
        return exchange -> decode(plain(exchange));
    }

    /**
     * The exchange's message as a plain {@link DefaultMessage}: a transport's own message type (camel-jms's
     * JmsMessage) is swapped for one with the same id, headers and body. A JmsMessage re-reads its JMS message at
     * every copy the steps make (a split, a multicast, a redelivery), throwing and catching a NullPointerException
     * each time; on the durable transport that was several exceptions per message.
     */
    private static Message plain(Exchange exchange) {
        Message message = exchange.getMessage();
        if (message.getClass() == DefaultMessage.class) {
            return message;
        }
        DefaultMessage plain = new DefaultMessage(exchange);
        plain.copyFrom(message);
        exchange.setMessage(plain);
        return plain;
    }

    /**
     * Whether the message was taken from a broker queue, which anyone with the broker account can write to: a
     * message of a type that enters from outside is then checked again as the API checks it. (Bytes that stayed in
     * this JVM were encoded by the bus itself from a message the API had checked.)
     */
    public static boolean crossedABroker(Message message) {
        return message.getHeader("JMSMessageID") != null;
    }

    /** Decodes an encoded body into its message type ({@code CrystalType}); an object body passes through. */
    public void decode(Message message) {
        if (Batches.isBatch(message)) {
            return;
        }
        OversizedBody.refuse(message.getBody());
        String contentType = message.getHeader(CrystalHeaders.CONTENT_TYPE, String.class);
        if (contentType == null || !(message.getBody() instanceof byte[] bytes)) {
            return;
        }
        WireFormat format = WireFormat.forContentType(contentType);
        if (format == null) {
            throw new InvalidMessageException("Content-Type", contentType, "is not a wire format (" + WireFormat.supportedTypes() + ", application/cbor)");
        }
        Class<?> type = MessageType.of(message.getHeader(CrystalHeaders.TYPE, String.class)).javaType();
        try {
            Object decoded = mappers.forFormat(format).readValue(bytes, type);
            if (decoded instanceof Inbound inbound && crossedABroker(message)) {
                inbound.requireValid();
            }
            message.setBody(decoded);
        } catch (IOException e) {
            throw new InvalidMessageException("body", contentType, "cannot be decoded as " + type.getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        message.removeHeader(CrystalHeaders.CONTENT_TYPE);
    }
}

package io.crystalbus.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.batch.Batch;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Compression;
import io.crystalbus.batch.FrameWriter;
import io.crystalbus.codec.OversizedBody;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.CrystalHeaders;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.jms.support.converter.MessageConverter;

/**
 * The body of a message on an Artemis inbox: bytes in the channel's wire format. A body that is still an object
 * (a request from the HTTP API, a batch passed by reference) is written as JSON here, a batch as a JSON frame,
 * with its {@code Content-Type}, which the receiving domain route decodes ({@code wireDecode}, the batch
 * reader) as it does on the in-memory transport. Bytes pass through.
 */
public final class WireMessageConverter implements MessageConverter {
    // how camel-jms names the Camel header Content-Type as a JMS property (a JMS name has no hyphen)
    private static final String CONTENT_TYPE_PROPERTY = "Content_HYPHEN_Type";
    private final ObjectMapper json;
    private final long maxBodyBytes;

    /** @param maxBodyBytes a message body larger than this is not read but refused ({@link OversizedBody}) */
    public WireMessageConverter(ObjectMapper json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Message toMessage(Object body, Session session) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        if (body instanceof byte[] bytes) {
            message.writeBytes(bytes);
            return message;
        }
        message.writeBytes(body instanceof Batch batch ? frame(batch) : encode(body));
        message.setStringProperty(CONTENT_TYPE_PROPERTY, WireFormat.JSON.contentType());
        String group = Transport.groupOf(body);
        if (group != null) {
            message.setStringProperty(CrystalHeaders.GROUP, group);
        }
        return message;
    }

    private byte[] encode(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private byte[] frame(Batch batch) {
        FrameWriter frame = new FrameWriter(json, Compression.NONE, 256 * batch.items().size());
        for (BatchItem<?> item : batch.items()) {
            frame.add(item);
        }
        return frame.finish();
    }

    @Override
    public Object fromMessage(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            if (bytes.getBodyLength() > maxBodyBytes) {
                return new OversizedBody(bytes.getBodyLength(), maxBodyBytes);
            }
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return body;
        }
        if (message instanceof TextMessage text) {
            String body = text.getText();
            // a character is at least one byte: a text over the limit in characters is over it in bytes
            return body != null && body.length() > maxBodyBytes ? new OversizedBody(body.length(), maxBodyBytes) : body;
        }
        throw new JMSException("crystal-bus inboxes carry bytes, not " + message.getClass().getSimpleName());
    }
}

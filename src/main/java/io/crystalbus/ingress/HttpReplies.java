package io.crystalbus.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Writes JSON answers to HTTP requests. */
public final class HttpReplies {
    private final ObjectMapper json;

    public HttpReplies(ObjectMapper json) {
        this.json = json;
    }

    public void json(Exchange exchange, int status, Object body) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            // a ByteBuffer, not a byte[]: platform-http writes it with its length in one write, where it would pump
            // a byte[] through an InputStream in several event-loop tasks and writes
            message.setBody(ByteBuffer.wrap(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a reply", e);
        }
    }
}

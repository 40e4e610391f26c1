package io.crystalbus.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.crystalbus.message.CrystalHeaders;
import org.apache.camel.Message;

/** Encodes a message body for an endpoint outside the JVM (bean {@code encoder}). */
public final class BodyEncoder {
    private final Mappers mappers;

    public BodyEncoder(Mappers mappers) {
        this.mappers = mappers;
    }

    public void json(Message message) throws JsonProcessingException {
        message.setBody(mappers.json().writeValueAsBytes(message.getBody()));
        message.setHeader(CrystalHeaders.CONTENT_TYPE, WireFormat.JSON.contentType());
    }
}

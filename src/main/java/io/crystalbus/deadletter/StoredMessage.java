package io.crystalbus.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.message.CrystalHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dead letter's message as it is kept for replay: its envelope headers and its body as bytes. A body that
 * travelled as an object is kept as JSON with {@code Content-Type: application/json}, which every domain
 * route decodes ({@code wireDecode}); an encoded body or batch frame is kept as it was.
 */
public record StoredMessage(Map<String, Object> headers, byte[] payload) {
    private static final String JSON = "application/json";

    static StoredMessage capture(Map<String, Object> messageHeaders, Object body, ObjectMapper json) {
        Map<String, Object> headers = new LinkedHashMap<>();
        messageHeaders.forEach((name, value) -> {
            boolean kept = name.startsWith("Crystal") || name.equals(CrystalHeaders.CONTENT_TYPE) || name.equals(CrystalHeaders.CONTENT_ENCODING);
            if (kept && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                headers.put(name, value);
            }
        });
        if (body instanceof byte[] bytes) {
            return new StoredMessage(headers, bytes);
        }
        try {
            headers.put(CrystalHeaders.CONTENT_TYPE, JSON);
            headers.remove(CrystalHeaders.CONTENT_ENCODING);
            return new StoredMessage(headers, json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dead letter's message", e);
        }
    }
}

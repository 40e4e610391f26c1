package io.crystalbus.message;

import org.apache.camel.Message;

/**
 * Builds the envelope headers. Ingress starts a chain; a domain that sends a follow-up message derives its
 * id from the message it handles ({@code <id>/<suffix>}), so a redelivered or repeated message produces the
 * same follow-up ids and every downstream domain applies them once. Each message is stamped with the time it
 * was handed on ({@code CrystalSentAt}), which the receiving domain turns into the hop latency: stamping
 * here costs one clock read, where an event notifier on every send would make Camel build an event object
 * for every exchange.
 */
public final class Envelope {
    public static final String API_SOURCE = "api";

    private Envelope() {
    }

    /** Headers of a message entering the bus. */
    public static void start(Message message, String messageId, String type, long createdAtMicros) {
        message.setHeader(CrystalHeaders.MESSAGE_ID, messageId);
        message.setHeader(CrystalHeaders.TYPE, type);
        message.setHeader(CrystalHeaders.SOURCE, API_SOURCE);
        message.setHeader(CrystalHeaders.CORRELATION_ID, messageId);
        message.setHeader(CrystalHeaders.CREATED_AT, createdAtMicros);
        message.setHeader(CrystalHeaders.SENT_AT, createdAtMicros);
    }

    /** Headers of a follow-up message that {@code source} sends on behalf of {@code parent}. */
    public static void followUp(Message parent, Message followUp, String source, String type, String idSuffix) {
        followUp.setHeader(CrystalHeaders.MESSAGE_ID, messageId(parent) + "/" + idSuffix);
        followUp.setHeader(CrystalHeaders.TYPE, type);
        followUp.setHeader(CrystalHeaders.SOURCE, source);
        followUp.setHeader(CrystalHeaders.CORRELATION_ID, parent.getHeader(CrystalHeaders.CORRELATION_ID));
        followUp.setHeader(CrystalHeaders.CREATED_AT, parent.getHeader(CrystalHeaders.CREATED_AT));
        followUp.setHeader(CrystalHeaders.SENT_AT, Clock.nowMicros());
    }

    public static String messageId(Message message) {
        String id = message.getHeader(CrystalHeaders.MESSAGE_ID, String.class);
        if (id == null) {
            throw new RejectedMessageException("no-message-id", "message has no " + CrystalHeaders.MESSAGE_ID + " header");
        }
        return id;
    }

    /** The body as the type the domain expects; any other body can never succeed. */
    public static <T> T body(Message message, Class<T> type) {
        Object body = message.getBody();
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        throw new RejectedMessageException("wrong-type", "expected a " + type.getSimpleName() + " body but got "
                + (body == null ? "none" : body.getClass().getSimpleName()));
    }

    public static long createdAtMicros(Message message) {
        Long micros = message.getHeader(CrystalHeaders.CREATED_AT, Long.class);
        return micros == null ? Clock.nowMicros() : micros;
    }
}

package io.crystalbus.message;

/**
 * The ids messages carry on the bus. A message entering the bus is known by its type and the key its sender gave
 * (or its natural key): {@code <type>:<key>}, e.g. {@code wager.settled:W-1001}. So a client's key is unique within
 * its message type only, and no key on one type (a collection sent with {@code "messageId": "W-1001"}) can ever
 * suppress another type's message as a duplicate. Follow-ups append a suffix ({@link Envelope#followUp}).
 */
public final class MessageIds {
    private MessageIds() {
    }

    public static String scoped(MessageType type, String key) {
        return type.wireName() + ':' + key;
    }
}

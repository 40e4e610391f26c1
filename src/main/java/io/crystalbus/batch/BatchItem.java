package io.crystalbus.batch;

/**
 * One message inside a batch: its envelope (what exactly-once and tracing need) and its body.
 *
 * @param createdAt when the message entered the bus, in epoch microseconds
 */
public record BatchItem<T>(String messageId, String correlationId, Long createdAt, T message) {
}

package io.crystalbus.codec;

import io.crystalbus.message.InvalidMessageException;

/**
 * What a broker message over the size limit becomes (the transport makes it) instead of its bytes, which are never read: the domain
 * route's decoding refuses it ({@link #refuse}), so it becomes a dead letter like any invalid input.
 */
public record OversizedBody(long bytes, long limit) {

    /** @throws InvalidMessageException when the body is an oversized one */
    public static void refuse(Object body) {
        if (body instanceof OversizedBody oversized) {
            throw new InvalidMessageException("body", oversized.bytes() + " bytes",
                    "is larger than " + oversized.limit() + " bytes (camel.server.maxBodySize); it was not read");
        }
    }
}

package io.crystalbus.ingress;

import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.RejectedMessageException;

/** A body whose Content-Type crystal-bus does not read: answered with 415. */
public class UnsupportedContentTypeException extends RejectedMessageException {
    public UnsupportedContentTypeException(String contentType) {
        super("unsupported-content-type", "Content-Type '" + contentType + "' is not supported; use one of "
                + WireFormat.supportedTypes());
    }
}

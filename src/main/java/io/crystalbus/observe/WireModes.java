package io.crystalbus.observe;

import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.CrystalHeaders;
import java.util.Locale;
import org.apache.camel.Message;

/**
 * The wire mode a message travelled in, for the hop meter: {@code object} unless it carries an encoding, and
 * {@code batch-<format>} for a batch.
 */
final class WireModes {
    private WireModes() {
    }

    static String of(Message message) {
        WireFormat format = WireFormat.forContentType(message.getHeader(CrystalHeaders.CONTENT_TYPE, String.class));
        String mode = format == null ? "object" : format.name().toLowerCase(Locale.ROOT);
        return message.getHeader(CrystalHeaders.BATCH_SIZE) == null ? mode : "batch-" + mode;
    }
}

package io.crystalbus.batch;

import io.crystalbus.codec.WireFormat;
import io.crystalbus.transport.Transport;
import io.crystalbus.config.BusSettings;
import java.util.function.UnaryOperator;

/**
 * One flow's batching ({@code crystal.batch.<flow>.*}): a batch completes at {@code maxSize} messages,
 * {@code maxBytes} encoded bytes or {@code maxAgeMillis} after its first message, whichever comes first.
 *
 * @param format      the wire mode of the frame: {@code object} (by reference, in this JVM), json, yaml, cbor
 * @param compression the frame's codec; ignored in object format
 * @param maxPending  sealed batches waiting for the sender before producers block (backpressure)
 * @param acrossMessages whether a batch gathers several messages ({@link Transport#batchesAcrossMessages()});
 *                    when false a batch holds one message's items (a list's follow-ups) and its age is unused
 */
public record BatchSettings(String flow, int maxSize, long maxBytes, long maxAgeMillis, String format,
                            Compression compression, int maxPending, boolean acrossMessages) {

    public BatchSettings {
        if (maxSize < 1 || maxBytes < 1 || maxAgeMillis < 1 || maxPending < 1) {
            throw new IllegalArgumentException("crystal.batch." + flow + ": max-size, max-bytes, max-age-ms and max-pending must be positive");
        }
        if (!"object".equals(format) && java.util.Arrays.stream(WireFormat.values()).noneMatch(f -> f.name().equalsIgnoreCase(format))) {
            throw new IllegalArgumentException("crystal.batch." + flow + ".format must be object, json, yaml or cbor, not '" + format + "'");
        }
    }

    public static BatchSettings of(BusSettings settings, String flow) {
        // crystal.batch.<flow>.<key>, else crystal.batch.default.<key>
        UnaryOperator<String> key = name -> settings.scopedKey("batch", flow, name);
        Transport transport = Transport.of(settings);
        // an unset format is the transport's own wire mode (object in this JVM, json across a broker)
        String format = settings.string(key.apply("format")).orElse(transport.defaultWireMode());
        return new BatchSettings(flow,
                settings.integer(key.apply("max-size")),
                settings.longValue(key.apply("max-bytes")),
                settings.longValue(key.apply("max-age-ms")),
                transport.checkWireMode("crystal.batch." + flow + ".format", format),
                Compression.ofName(settings.text(key.apply("compression"))),
                settings.integer(key.apply("max-pending")), transport.batchesAcrossMessages());
    }

    /** The frame's wire format, or null for a batch passed by reference. */
    public WireFormat wireFormat() {
        return "object".equals(format) ? null : WireFormat.ofMode(format);
    }
}

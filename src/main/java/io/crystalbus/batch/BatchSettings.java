package io.crystalbus.batch;

import io.crystalbus.codec.WireFormat;
import io.crystalbus.wiring.BusSettings;

/**
 * One flow's batching ({@code crystal.batch.<flow>.*}): a batch completes at {@code maxSize} messages,
 * {@code maxBytes} encoded bytes or {@code maxAgeMillis} after its first message, whichever comes first.
 *
 * @param format      the wire mode of the frame: {@code object} (by reference, in this JVM), json, yaml, cbor
 * @param compression the frame's codec; ignored in object format
 * @param maxPending  sealed batches waiting for the sender before producers block (backpressure)
 */
public record BatchSettings(String flow, int maxSize, long maxBytes, long maxAgeMillis, String format,
                            Compression compression, int maxPending) {

    public BatchSettings {
        if (maxSize < 1 || maxBytes < 1 || maxAgeMillis < 1 || maxPending < 1) {
            throw new IllegalArgumentException("crystal.batch." + flow + ": max-size, max-bytes, max-age-ms and max-pending must be positive");
        }
        if (!"object".equals(format) && !java.util.Set.of("json", "yaml", "cbor").contains(format)) {
            throw new IllegalArgumentException("crystal.batch." + flow + ".format must be object, json, yaml or cbor, not '" + format + "'");
        }
    }

    public static BatchSettings of(BusSettings settings, String flow) {
        String prefix = "crystal.batch." + flow + ".";
        String fallback = "crystal.batch.default.";
        return new BatchSettings(flow,
                settings.integer(prefix + "max-size", settings.integer(fallback + "max-size", 500)),
                settings.longValue(prefix + "max-bytes", settings.longValue(fallback + "max-bytes", 1 << 20)),
                settings.longValue(prefix + "max-age-ms", settings.longValue(fallback + "max-age-ms", 5)),
                settings.string(prefix + "format", settings.string(fallback + "format", "object")),
                Compression.ofName(settings.string(prefix + "compression", settings.string(fallback + "compression", "none"))),
                settings.integer(prefix + "max-pending", settings.integer(fallback + "max-pending", 4)));
    }

    /** The frame's wire format, or null for a batch passed by reference. */
    public WireFormat wireFormat() {
        return "object".equals(format) ? null : WireFormat.ofMode(format);
    }
}

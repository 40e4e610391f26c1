package io.crystalbus.batch;

import io.crystalbus.codec.WireFormat;
import io.crystalbus.transport.Transport;
import io.crystalbus.wiring.BusSettings;
import java.util.Objects;
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
        // crystal.batch.<flow>.<key>, else crystal.batch.default.<key>, else the documented default
        UnaryOperator<String> setting = key -> settings.string("crystal.batch." + flow + "." + key)
                .or(() -> settings.string("crystal.batch.default." + key)).orElse(null);
        Transport transport = Transport.of(settings);
        return new BatchSettings(flow,
                (int) number(setting.apply("max-size"), 500),
                number(setting.apply("max-bytes"), 1 << 20),
                number(setting.apply("max-age-ms"), 5),
                transport.checkWireMode("crystal.batch." + flow + ".format",
                        Objects.requireNonNullElse(setting.apply("format"), transport.defaultWireMode())),
                Compression.ofName(Objects.requireNonNullElse(setting.apply("compression"), "none")),
                (int) number(setting.apply("max-pending"), 4), transport.batchesAcrossMessages());
    }

    private static long number(String value, long defaultValue) {
        return value == null ? defaultValue : Long.parseLong(value.replace("_", ""));
    }

    /** The frame's wire format, or null for a batch passed by reference. */
    public WireFormat wireFormat() {
        return "object".equals(format) ? null : WireFormat.ofMode(format);
    }
}

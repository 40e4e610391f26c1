package io.crystalbus.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.codec.CodecLimits;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.BalanceAdjust;
import io.crystalbus.message.BalanceAdjust.AdjustReason;
import io.crystalbus.message.InvalidMessageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Frames and codecs: byte-exact round trips, and every kind of corrupt input refused as documented. */
class FrameCodecTest {
    private final Mappers mappers = new Mappers(new CodecLimits(4 << 20, 32, 65536, 10_000));
    private final FrameReader reader = new FrameReader(mappers, 1 << 20);

    static Stream<Arguments> formatsAndCodecs() {
        return Arrays.stream(WireFormat.values()).flatMap(f -> Arrays.stream(Compression.values()).map(c -> Arguments.of(f, c)));
    }

    private static List<BatchItem<BalanceAdjust>> items(int count) {
        List<BatchItem<BalanceAdjust>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new BatchItem<>("m-" + i, "c-" + i, 1_700_000_000_000_000L + i,
                    new BalanceAdjust("C-" + (i % 17), "USD", 100L * i - 5000, AdjustReason.SETTLEMENT, "W-" + i)));
        }
        return items;
    }

    private byte[] frame(WireFormat format, Compression compression, List<?> values) {
        FrameWriter writer = new FrameWriter(mappers.forFormat(format), compression, 1024);
        long previous = 0;
        for (Object value : values) {
            writer.add(value);
            assertThat(writer.encodedBytes()).as("the encoded size is exact after each value").isGreaterThan(previous);
            previous = writer.encodedBytes();
        }
        return writer.finish();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("formatsAndCodecs")
    void everyFormatAndCodecRoundTripsAFrame(WireFormat format, Compression compression) {
        List<BatchItem<BalanceAdjust>> items = items(300);
        byte[] frame = frame(format, compression, items);
        List<BatchItem<BalanceAdjust>> back = reader.readAll(new ByteArrayInputStream(frame), format, compression, reader.itemType(BalanceAdjust.class));
        assertThat(back).isEqualTo(items);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyCodecRoundTripsBytesExactly(Compression compression) throws IOException {
        byte[] original = new byte[200_000];
        new Random(42).nextBytes(original);
        Arrays.fill(original, 50_000, 150_000, (byte) 'a');
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compression.compress(compressed)) {
            out.write(original);
        }
        try (InputStream in = compression.decompress(new ByteArrayInputStream(compressed.toByteArray()), 1 << 20)) {
            assertThat(in.readAllBytes()).isEqualTo(original);
        }
        if (compression != Compression.NONE) {
            assertThat(compressed.size()).isLessThan(original.length * 7 / 10);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aCorruptFrameIsRefused(Compression compression) {
        byte[] frame = frame(WireFormat.JSON, compression, items(200));
        byte[] corrupt = frame.clone();
        for (int i = corrupt.length / 3; i < corrupt.length / 3 + 16; i++) {
            corrupt[i] ^= 0x5a;
        }
        assertThatThrownBy(() -> reader.readAll(new ByteArrayInputStream(corrupt), WireFormat.JSON, compression, reader.itemType(BalanceAdjust.class)))
                .isInstanceOf(InvalidMessageException.class);
        byte[] truncated = Arrays.copyOf(frame, frame.length / 2);
        assertThatThrownBy(() -> reader.readAll(new ByteArrayInputStream(truncated), WireFormat.JSON, compression, reader.itemType(BalanceAdjust.class)))
                .isInstanceOf(InvalidMessageException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aFrameUnderTheWrongContentEncodingIsRefused(Compression compression) {
        Compression other = compression == Compression.GZIP ? Compression.ZSTD : Compression.GZIP;
        byte[] frame = frame(WireFormat.JSON, compression, items(10));
        assertThatThrownBy(() -> reader.readAll(new ByteArrayInputStream(frame), WireFormat.JSON, other, reader.itemType(BalanceAdjust.class)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("frame is not valid " + other.contentEncoding());
        // a compressed frame declared as uncompressed is not valid JSON
        assertThatThrownBy(() -> reader.readAll(new ByteArrayInputStream(frame), WireFormat.JSON, Compression.NONE, reader.itemType(BalanceAdjust.class)))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void anUnknownContentEncodingIsRefused() {
        assertThatThrownBy(() -> Compression.ofContentEncoding("br"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("must be one of none, gzip, lz4, zstd");
        assertThat(Compression.ofContentEncoding(null)).isEqualTo(Compression.NONE);
        assertThat(Compression.ofContentEncoding("x-gzip")).isEqualTo(Compression.GZIP);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aDecompressionBombIsRefusedAtTheLimitWithoutExpandingIt(Compression compression) throws IOException {
        // 64 MB of zeros compress to a few kB (gzip) or less; the reader may expand only 1 MB of it
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (OutputStream out = compression.compress(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        assertThat(bomb.size()).isLessThan(400_000);
        assertThatThrownBy(() -> reader.readAll(new ByteArrayInputStream(bomb.toByteArray()), WireFormat.JSON, compression, reader.itemType(BalanceAdjust.class)))
                .isInstanceOf(InvalidMessageException.class);
        try (InputStream in = compression.decompress(new ByteArrayInputStream(bomb.toByteArray()), 1 << 20)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(InvalidMessageException.class).hasMessageContaining("expands past the limit of 1048576 bytes");
        }
    }

    @Test
    void aFrameThatIsNotAListIsRefused() {
        byte[] single = "{\"messageId\":\"m\",\"message\":{}}".getBytes();
        assertThatThrownBy(() -> reader.readAll(new ByteArrayInputStream(single), WireFormat.JSON, Compression.NONE, reader.itemType(BalanceAdjust.class)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("must be a list");
        byte[] trailing = "[] []".getBytes();
        assertThatThrownBy(() -> reader.readAll(new ByteArrayInputStream(trailing), WireFormat.JSON, Compression.NONE, reader.itemType(BalanceAdjust.class)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("after the end");
    }
}

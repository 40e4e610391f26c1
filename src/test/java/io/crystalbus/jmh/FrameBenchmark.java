package io.crystalbus.jmh;

import com.fasterxml.jackson.databind.JavaType;
import io.crystalbus.batch.BatchItem;
import io.crystalbus.batch.Compression;
import io.crystalbus.batch.FrameReader;
import io.crystalbus.batch.FrameWriter;
import io.crystalbus.codec.CodecLimits;
import io.crystalbus.codec.Mappers;
import io.crystalbus.codec.WireFormat;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.WagerSettled;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 1,000-message batch frame of settled wagers (each with its batch envelope, about 300 bytes as JSON) per
 * wire format and codec: nanoseconds per message to encode and compress the frame, and to decompress and decode
 * it. The bytes per message and the ratio to the uncompressed JSON frame are printed at setup (lines starting
 * with FRAME), as JMH has no column for them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameBenchmark {
    private static final int MESSAGES = 1000;

    @Param({"json", "yaml", "cbor"})
    public String format;

    @Param({"none", "gzip", "lz4", "zstd"})
    public String codec;

    private final Mappers mappers = new Mappers(new CodecLimits(64 << 20, 32, 65536, 10_000));
    private final FrameReader reader = new FrameReader(mappers, 64 << 20);
    private final List<BatchItem<WagerSettled>> items = new ArrayList<>();
    private WireFormat wireFormat;
    private Compression compression;
    private JavaType itemType;
    private byte[] frame;

    /** Settled wagers as a sportsbook sends them: numeric ids, a few hundred agents, stakes in cents, one second apart. */
    static List<BatchItem<WagerSettled>> wagers(int count) {
        Random random = new Random(7);
        Instant start = Instant.parse("2026-11-27T12:00:00Z");
        Outcome[] outcomes = Outcome.values();
        List<BatchItem<WagerSettled>> wagers = new ArrayList<>();
        long wagerId = 90_000_000L;
        for (int i = 0; i < count; i++) {
            wagerId += 1 + random.nextInt(40);
            String id = "wager:W-" + wagerId;
            long stake = 100L * (1 + random.nextInt(500));
            Outcome outcome = outcomes[random.nextInt(outcomes.length)];
            WagerSettled wager = new WagerSettled(null, "W-" + wagerId, "C-" + (100_000 + random.nextInt(900_000)),
                    "A-" + (1000 + random.nextInt(300)), "USD", stake, outcome == Outcome.WIN ? stake * (150 + random.nextInt(300)) / 100 : 0,
                    outcome, random.nextInt(10) == 0, start.plusSeconds(i).plusMillis(random.nextInt(1000)));
            wagers.add(new BatchItem<>(id, id, 1_796_000_000_000_000L + i * 1_000_000L + random.nextInt(1_000_000), wager));
        }
        return wagers;
    }

    @Setup
    public void setUp() {
        items.addAll(wagers(MESSAGES));
        wireFormat = WireFormat.ofMode(format);
        compression = Compression.ofName(codec);
        itemType = reader.itemType(WagerSettled.class);
        frame = encode();
        byte[] plainJson = write(WireFormat.JSON, Compression.NONE);
        System.out.printf(Locale.ROOT, "%nFRAME %s %s bytes/msg %.1f ratio-to-json %.2f%n", format, codec,
                frame.length / (double) MESSAGES, plainJson.length / (double) frame.length);
    }

    private byte[] write(WireFormat wire, Compression with) {
        FrameWriter writer = new FrameWriter(mappers.forFormat(wire), with, 64 * 1024);
        items.forEach(writer::add);
        return writer.finish();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public byte[] encode() {
        return write(wireFormat, compression);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public List<BatchItem<WagerSettled>> decode() {
        return reader.readAll(new ByteArrayInputStream(frame), wireFormat, compression, itemType);
    }
}

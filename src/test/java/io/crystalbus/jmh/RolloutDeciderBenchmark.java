package io.crystalbus.jmh;

import io.crystalbus.rollout.RolloutState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Nanoseconds per rollout decision: the sticky hash of a customer id and the bucket comparison. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RolloutDeciderBenchmark {
    private final String[] keys = new String[1024];
    private RolloutState tenPercent;
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "C-" + (100_000 + i * 7919);
        }
        tenPercent = new RolloutState(true, RolloutState.basisPointsOf(10), "customerId", "cbor", "json", null);
    }

    @Benchmark
    public boolean decide() {
        next = (next + 1) & (keys.length - 1);
        return tenPercent.isPilot(keys[next]);
    }

    @Benchmark
    public String baselineKeyLookup() {
        next = (next + 1) & (keys.length - 1);
        return keys[next];
    }
}

package io.crystalbus.bench;

import io.crystalbus.observe.LatencyTap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records every settlement's end-to-end latency and every hop's latency in HdrHistogram recorders (exact to 3
 * significant digits, from 1 us to an hour); {@link #reset} starts the measured window after the warm-up.
 */
final class Latencies implements LatencyTap {
    private static final long MAX_MICROS = 3_600_000_000L;
    private final Recorder settlements = new Recorder(MAX_MICROS, 3);
    private final ConcurrentHashMap<String, Recorder> hops = new ConcurrentHashMap<>();

    @Override
    public void settlement(long micros) {
        settlements.recordValue(bounded(micros));
    }

    @Override
    public void hop(String source, String target, long micros) {
        String key = source + "->" + target;
        Recorder recorder = hops.get(key);
        if (recorder == null) {
            recorder = hops.computeIfAbsent(key, k -> new Recorder(MAX_MICROS, 3));
        }
        recorder.recordValue(bounded(micros));
    }

    private static long bounded(long micros) {
        return Math.max(0, Math.min(micros, MAX_MICROS));
    }

    /** Forgets what was recorded so far (the warm-up). */
    void reset() {
        settlements.getIntervalHistogram();
        hops.values().forEach(Recorder::getIntervalHistogram);
    }

    /** What was recorded since the last reset. */
    Percentiles settlementWindow() {
        return Percentiles.of(settlements.getIntervalHistogram());
    }

    Map<String, Percentiles> hopWindows() {
        Map<String, Percentiles> windows = new TreeMap<>();
        hops.forEach((hop, recorder) -> windows.put(hop, Percentiles.of(recorder.getIntervalHistogram())));
        return windows;
    }

    /** Latency percentiles in microseconds; all zero when nothing was recorded. */
    public record Percentiles(long count, long p50, long p99, long p999, long max) {
        static Percentiles of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0, 0);
            }
            return new Percentiles(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
        }
    }
}

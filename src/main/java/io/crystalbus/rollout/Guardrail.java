package io.crystalbus.rollout;

import io.crystalbus.observe.BusMetrics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each flow's pilot and control groups over a sliding window (one-second buckets) and switches the
 * pilot off when it is worse beyond the thresholds: a higher failure rate, or a slower mean latency. The flag
 * then stays off (with the reason) until a person turns it on again.
 */
public final class Guardrail {
    private static final Logger LOG = LoggerFactory.getLogger(Guardrail.class);

    /** Thresholds; {@code windowSeconds} one-second buckets, at least {@code minSamples} pilot messages. */
    public record Limits(int windowSeconds, int minSamples, double maxFailureRateIncrease, double maxLatencyRatio) {
    }

    /** Per group and bucket: messages, failures, summed latency (micros); bucket epoch second in slot 3. */
    private static final class Window {
        final AtomicLongArray cells;
        final int buckets;

        Window(int buckets) {
            this.buckets = buckets;
            this.cells = new AtomicLongArray(buckets * 4);
        }

        void add(long second, boolean failed, long latencyMicros) {
            int base = (int) (second % buckets) * 4;
            if (cells.get(base + 3) != second) {
                synchronized (this) {
                    if (cells.get(base + 3) != second) {
                        cells.set(base, 0);
                        cells.set(base + 1, 0);
                        cells.set(base + 2, 0);
                        cells.set(base + 3, second);
                    }
                }
            }
            cells.incrementAndGet(base);
            if (failed) {
                cells.incrementAndGet(base + 1);
            }
            cells.addAndGet(base + 2, Math.max(0, latencyMicros));
        }

        /** {messages, failures, latency sum} over the buckets within the window. */
        long[] totals(long now) {
            long[] totals = new long[3];
            for (int b = 0; b < buckets; b++) {
                long second = cells.get(b * 4 + 3);
                if (second > now - buckets && second <= now) {
                    totals[0] += cells.get(b * 4);
                    totals[1] += cells.get(b * 4 + 1);
                    totals[2] += cells.get(b * 4 + 2);
                }
            }
            return totals;
        }
    }

    private final RolloutFlags flags;
    private final BusMetrics metrics;
    private final Limits limits;
    private final ConcurrentHashMap<String, Window[]> windows = new ConcurrentHashMap<>();

    public Guardrail(RolloutFlags flags, BusMetrics metrics, Limits limits) {
        this.flags = flags;
        this.metrics = metrics;
        this.limits = limits;
    }

    /** Records one message of a group that finished in the flow's receiving domain. */
    public void record(String flow, String group, boolean failed, long latencyMicros) {
        boolean pilot = RolloutDecider.PILOT.equals(group);
        if (!pilot && !RolloutDecider.CONTROL.equals(group)) {
            return;
        }
        Window[] pair = windows.computeIfAbsent(flow, f -> new Window[] {new Window(limits.windowSeconds()), new Window(limits.windowSeconds())});
        long second = System.currentTimeMillis() / 1000;
        pair[pilot ? 0 : 1].add(second, failed, latencyMicros);
        metrics.rolloutOutcome(flow, group, failed, latencyMicros);
        if (pilot) {
            check(flow, pair, second);
        }
    }

    private void check(String flow, Window[] pair, long now) {
        long[] p = pair[0].totals(now);
        if (p[0] < limits.minSamples()) {
            return;
        }
        long[] c = pair[1].totals(now);
        double pilotFailures = (double) p[1] / p[0];
        double controlFailures = c[0] == 0 ? 0 : (double) c[1] / c[0];
        String reason = null;
        if (pilotFailures - controlFailures > limits.maxFailureRateIncrease()) {
            reason = String.format("pilot failure rate %.2f%% vs control %.2f%% over %d s", pilotFailures * 100,
                    controlFailures * 100, limits.windowSeconds());
        } else if (c[0] >= limits.minSamples() && c[2] > 0 && (double) p[2] / p[0] > limits.maxLatencyRatio() * c[2] / c[0]) {
            reason = String.format("pilot mean latency %d us vs control %d us over %d s", p[2] / p[0], c[2] / c[0], limits.windowSeconds());
        }
        if (reason != null) {
            trip(flow, reason);
        }
    }

    private synchronized void trip(String flow, String reason) {
        RolloutState state = flags.get(flow);
        if (!state.enabled()) {
            return;
        }
        flags.set(flow, new RolloutState(false, state.basisPoints(), state.key(), state.pilot(), state.control(), reason));
        metrics.guardrailTripped(flow);
        LOG.warn("Rollout guardrail switched the pilot of flow {} off: {}. It stays off until it is turned on again.", flow, reason);
    }
}

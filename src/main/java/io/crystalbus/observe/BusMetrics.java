package io.crystalbus.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * crystal-bus's own meters (Prometheus names {@code crystal_*}). Each meter has one fixed tag set, so no
 * Prometheus series of the same name ever has other tag keys. Timers publish histogram buckets from 5 us to
 * 30 s, so the same histogram serves an in-JVM hop and a slow settlement.
 */
public final class BusMetrics {
    public static final String SETTLEMENT_DURATION = "crystal.settlement.duration";
    public static final String HOP_DURATION = "crystal.hop.duration";
    public static final String MESSAGES = "crystal.messages";
    public static final String DEAD_LETTERS = "crystal.dead.letters";
    public static final String INBOX_FULL = "crystal.inbox.rejected";
    public static final String INBOX_DEPTH = "crystal.inbox.depth";
    public static final String INBOX_CAPACITY = "crystal.inbox.capacity";
    public static final String INBOX_FILL = "crystal.inbox.fill";
    public static final String ROLLOUT_DECISIONS = "crystal.rollout.decisions";
    public static final String ROLLOUT_DURATION = "crystal.rollout.duration";
    public static final String ROLLOUT_FAILURES = "crystal.rollout.failures";
    public static final String GUARDRAIL_TRIPS = "crystal.rollout.guardrail.trips";
    public static final String ROLLOUT_FALLBACKS = "crystal.rollout.fallbacks";
    public static final String ROLLOUT_SHARE = "crystal.rollout.share";
    public static final String BATCH_SIZE = "crystal.batch.size";
    public static final String BATCH_AGE = "crystal.batch.age";
    public static final String BATCH_COMPLETIONS = "crystal.batch.completions";
    public static final String BATCH_BYTES = "crystal.batch.bytes";
    public static final String BATCH_RATIO = "crystal.batch.compression.ratio";
    public static final String API_REFUSED = "crystal.api.refused";

    private static final Duration MIN_EXPECTED = Duration.ofNanos(5_000);
    private static final Duration MAX_EXPECTED = Duration.ofSeconds(30);

    private final MeterRegistry registry;
    private final Timer settlementDuration;
    private final MeterCache<Timer> hops;
    private final MeterCache<Counter> messages;
    private final MeterCache<Counter> deadLetters;
    private final MeterCache<Counter> inboxRejections;
    private final MeterCache<Counter> rolloutDecisions;
    private final MeterCache<Timer> rolloutDurations;
    private final MeterCache<Counter> rolloutFailures;
    private final MeterCache<Counter> guardrailTrips;
    private final MeterCache<Counter> rolloutFallbacks;
    private final MeterCache<DistributionSummary> batchSizes;
    private final MeterCache<Timer> batchAges;
    private final MeterCache<Counter> batchCompletions;
    private final MeterCache<Counter> apiRefusals;
    private final MeterCache<CompressionTally> compression;
    private volatile LatencyTap tap;

    public BusMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.settlementDuration = latencyTimer(SETTLEMENT_DURATION, "Settlement end to end: ingress until its balance change is applied")
                .publishPercentiles(0.5, 0.99, 0.999)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofSeconds(1), Duration.ofSeconds(2))
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        for (double quantile : new double[] {0.5, 0.99, 0.999}) {
            // the Prometheus registry exports a timer with buckets but without its client-side percentiles
            Gauge.builder(SETTLEMENT_DURATION + ".percentile", settlementDuration, t -> percentile(t, quantile))
                    .description("Settlement end to end, percentile over the last minute")
                    .tag("quantile", String.valueOf(quantile))
                    .baseUnit("seconds")
                    .register(registry);
        }
        this.hops = new MeterCache<>((source, target, mode) -> latencyTimer(HOP_DURATION,
                "One inter-domain hop: offered to an inbox until its consumer starts")
                .tags("source", source, "target", target, "mode", mode)
                .register(registry));
        this.messages = new MeterCache<>((domain, type, outcome) -> Counter.builder(MESSAGES)
                .description("Messages handled per domain, type and outcome (ok, dead-letter, failed)")
                .tags("domain", domain, "type", type, "outcome", outcome)
                .register(registry));
        this.deadLetters = new MeterCache<>((stage, reason, unused) -> Counter.builder(DEAD_LETTERS)
                .description("Dead letters (failed messages and rejected input) per stage and reason")
                .tags("stage", stage, "reason", reason)
                .register(registry));
        this.rolloutDecisions = new MeterCache<>((flow, group, unused) -> Counter.builder(ROLLOUT_DECISIONS)
                .description("Rollout decisions per flow and group (pilot, control)")
                .tags("flow", flow, "group", group)
                .register(registry));
        this.rolloutDurations = new MeterCache<>((flow, group, unused) -> latencyTimer(ROLLOUT_DURATION,
                "Handed to the channel until handled by the receiving domain, per rollout group")
                .tags("flow", flow, "group", group)
                .register(registry));
        this.rolloutFailures = new MeterCache<>((flow, group, unused) -> Counter.builder(ROLLOUT_FAILURES)
                .description("Messages of a rollout group that failed in the receiving domain")
                .tags("flow", flow, "group", group)
                .register(registry));
        this.guardrailTrips = new MeterCache<>((flow, unused, unused2) -> Counter.builder(GUARDRAIL_TRIPS)
                .description("Times the guardrail switched a pilot off")
                .tags("flow", flow)
                .register(registry));
        this.rolloutFallbacks = new MeterCache<>((flow, unused, unused2) -> Counter.builder(ROLLOUT_FALLBACKS)
                .description("Messages that failed on a pilot route version and were handled by the domain's steps")
                .tags("flow", flow)
                .register(registry));
        this.batchSizes = new MeterCache<>((flow, unused, unused2) -> DistributionSummary.builder(BATCH_SIZE)
                .description("Messages per batch at completion")
                .tags("flow", flow)
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(100_000.0)
                .register(registry));
        this.batchAges = new MeterCache<>((flow, unused, unused2) -> latencyTimer(BATCH_AGE,
                "Age of a batch at completion: its first message joined until it was sealed")
                .tags("flow", flow)
                .register(registry));
        this.batchCompletions = new MeterCache<>((flow, reason, unused) -> Counter.builder(BATCH_COMPLETIONS)
                .description("Batches completed per flow and reason (size, bytes, age, type, flush)")
                .tags("flow", flow, "reason", reason)
                .register(registry));
        this.compression = new MeterCache<>((flow, codec, unused) -> new CompressionTally(registry, flow, codec));
        this.inboxRejections = new MeterCache<>((domain, unused, unused2) -> Counter.builder(INBOX_FULL)
                .description("Messages refused because the inbox stayed full (the API answered 503)")
                .tags("domain", domain)
                .register(registry));
        this.apiRefusals = new MeterCache<>((reason, unused, unused2) -> Counter.builder(API_REFUSED)
                .description("API requests refused at the door: missing, wrong, forbidden (a role missing), throttled")
                .tags("reason", reason)
                .register(registry));
    }

    /** A timer whose histogram buckets span an in-JVM hop (microseconds) to a stuck settlement (seconds). */
    private static Timer.Builder latencyTimer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(MIN_EXPECTED).maximumExpectedValue(MAX_EXPECTED);
    }

    private static double percentile(Timer timer, double quantile) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == quantile) {
                return value.value(TimeUnit.SECONDS);
            }
        }
        return Double.NaN;
    }

    public void settlementCompleted(long micros) {
        settlementDuration.record(micros, TimeUnit.MICROSECONDS);
        LatencyTap current = tap;
        if (current != null) {
            current.settlement(micros);
        }
    }

    public void hop(String source, String target, String mode, long micros) {
        hops.get(source, target, mode).record(Math.max(0, micros), TimeUnit.MICROSECONDS);
        LatencyTap current = tap;
        if (current != null) {
            current.hop(source, target, Math.max(0, micros));
        }
    }

    /** Sets (or with null removes) the tap that also receives every latency. */
    public void tap(LatencyTap latencyTap) {
        this.tap = latencyTap;
    }

    public void message(String domain, String type, String outcome) {
        messages.get(domain, type, outcome).increment();
    }

    /** Counts a batch's messages (a batch is one exchange but many messages). */
    public void messages(String domain, String type, String outcome, int count) {
        messages.get(domain, type, outcome).increment(count);
    }

    /**
     * A batch completed and was handed on.
     *
     * @param codec        the frame's compression, or {@code object} for a batch passed by reference
     * @param encodedBytes the frame before compression (0 by reference)
     * @param frameBytes   the frame as sent
     */
    public void batchCompleted(String flow, String reason, int size, long ageMicros, String codec, long encodedBytes, long frameBytes) {
        batchSizes.get(flow, "", "").record(size);
        batchAges.get(flow, "", "").record(ageMicros, TimeUnit.MICROSECONDS);
        batchCompletions.get(flow, reason, "").increment();
        if (encodedBytes > 0) {
            compression.get(flow, codec, "").add(encodedBytes, frameBytes);
        }
    }

    public void deadLetter(String stage, String reason) {
        deadLetters.get(stage, reason, "").increment();
    }

    public void rolloutDecision(String flow, String group) {
        rolloutDecisions(flow, group, 1);
    }

    public void rolloutDecisions(String flow, String group, int count) {
        if (count > 0) {
            rolloutDecisions.get(flow, group, "").increment(count);
        }
    }

    public void rolloutOutcome(String flow, String group, boolean failed, long micros) {
        rolloutDurations.get(flow, group, "").record(Math.max(0, micros), TimeUnit.MICROSECONDS);
        if (failed) {
            rolloutFailures.get(flow, group, "").increment();
        }
    }

    public void guardrailTripped(String flow) {
        guardrailTrips.get(flow, "", "").increment();
    }

    public void rolloutFallback(String flow) {
        rolloutFallbacks.get(flow, "", "").increment();
    }

    public void inboxFull(String domain) {
        inboxRejections.get(domain, "", "").increment();
    }

    /** @param reason one of a fixed few (missing, wrong, forbidden, throttled), never request data */
    public void apiRefused(String reason) {
        apiRefusals.get(reason, "", "").increment();
    }

    /** Bytes before and after compression per flow and codec, and their ratio since start. */
    private static final class CompressionTally {
        private final Counter encoded;
        private final Counter compressed;

        CompressionTally(MeterRegistry registry, String flow, String codec) {
            this.encoded = bytes(registry, flow, codec, "encoded");
            this.compressed = bytes(registry, flow, codec, "compressed");
            Gauge.builder(BATCH_RATIO, this, CompressionTally::ratio)
                    .description("Encoded bytes per compressed byte since start (higher is better)")
                    .tags("flow", flow, "codec", codec)
                    .register(registry);
        }

        private static Counter bytes(MeterRegistry registry, String flow, String codec, String stage) {
            return Counter.builder(BATCH_BYTES).baseUnit("bytes")
                    .description("Batch frame bytes before (encoded) and after (compressed) compression")
                    .tags("flow", flow, "codec", codec, "stage", stage)
                    .register(registry);
        }

        void add(long encodedBytes, long compressedBytes) {
            encoded.increment(encodedBytes);
            compressed.increment(compressedBytes);
        }

        double ratio() {
            double after = compressed.count();
            return after == 0 ? Double.NaN : encoded.count() / after;
        }
    }

    public MeterRegistry registry() {
        return registry;
    }
}

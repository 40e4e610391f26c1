package io.crystalbus.bench;

import io.crystalbus.flow.Flow;
import io.crystalbus.rollout.RolloutFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench}: the settlement flow (settlement, then distributions, free play and balance, then completion;
 * in-process, no HTTP) in each wire mode, at maximum rate (throughput) and at an open-loop fixed rate
 * (latency), each run in a fresh JVM; prints the table and writes {@code report.json}, {@code report.md} and
 * {@code latency.svg} to the output directory.
 */
public final class FlowBench {

    /**
     * What to run.
     *
     * @param batch      null for none, else the batch format and codec of the batched channels, e.g. {@code json+zstd}, or
     *                   {@code mode} (optionally {@code mode+zstd}) for batches in each run's own wire mode
     * @param ingressBatch wagers per message into the settlement inbox (1: one by one), as API lists and dropped files bring them
     * @param rates      the open-loop rates of the latency runs (none, or only 0: throughput runs only)
     * @param inProcess  run every window in this JVM (for the smoke test; figures are then skewed by JIT history)
     */
    public record Plan(List<String> modes, String batch, int ingressBatch, List<Long> rates, int rounds, Duration warmup, Duration measure, int producers,
                       String outputDirectory, boolean inProcess, Map<String, String> settings) {

        /** Without settings of its own (the shipped ones: SEDA inboxes, the ledger in memory). */
        public Plan(List<String> modes, String batch, int ingressBatch, List<Long> rates, int rounds, Duration warmup, Duration measure, int producers,
                    String outputDirectory, boolean inProcess) {
            this(modes, batch, ingressBatch, rates, rounds, warmup, measure, producers, outputDirectory, inProcess, Map.of());
        }
    }

    /** One configuration's windows, one per round. */
    public record Result(String mode, String batch, long rate, List<FlowLoad.Window> windows) {
    }

    /** The floors' rows: the same topology in plain Camel and as plain Java hand-offs ({@code bench.floor}), at maximum rate. */
    static final String CAMEL_FLOOR = "floor: plain Camel";
    static final String JAVA_FLOOR = "floor: plain Java";

    private FlowBench() {
    }

    static boolean isFloor(String mode) {
        return CAMEL_FLOOR.equals(mode) || JAVA_FLOOR.equals(mode);
    }

    static List<SideBySide.Variant> variants(Plan plan) {
        List<SideBySide.Variant> variants = new ArrayList<>();
        List<Long> loads = new ArrayList<>(List.of(0L));
        plan.rates().stream().filter(rate -> rate > 0).distinct().forEach(loads::add);
        for (long load : loads) {
            for (String mode : plan.modes()) {
                Map<String, String> settings = settings(mode, plan.batch());
                settings.putAll(plan.settings());
                variants.add(new SideBySide.Variant(name(mode, plan.batch(), plan.ingressBatch(), load), FlowLoad.Flow.SETTLEMENT,
                        settings, mode, load, plan.ingressBatch()));
            }
            // the in-memory flow's floors, so the report shows it as a ratio to what Camel and the JVM allow here
            if (load == 0 && !"jms".equals(plan.settings().get("crystal.transport"))) {
                variants.add(new SideBySide.Variant(CAMEL_FLOOR + " @ max", FlowLoad.Flow.CAMEL_FLOOR, Map.of(), CAMEL_FLOOR, 0, 1));
                variants.add(new SideBySide.Variant(JAVA_FLOOR + " @ max", FlowLoad.Flow.JAVA_FLOOR, Map.of(), JAVA_FLOOR, 0, 1));
            }
        }
        return variants;
    }

    static String name(String mode, String batch, int ingressBatch, long rate) {
        return mode + (ingressBatch > 1 ? " + lists of " + ingressBatch : "") + (batch == null ? "" : " + batch " + batch)
                + " @ " + (rate == 0 ? "max" : rate + "/s");
    }

    /** Every channel in the mode; with batching, the batched flows in batches of the given format and codec. */
    static Map<String, String> settings(String mode, String batch) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String flow : Flow.channelledIds()) {
            settings.put("crystal.rollout." + flow + ".control", mode);
        }
        if (batch != null) {
            String[] formatAndCodec = batch.split("\\+");
            for (String flow : Flow.channelledIds()) {
                settings.put("crystal.rollout." + flow + ".control", "batch");
            }
            // "mode": the batches are in the run's own wire mode (object batches by reference, json frames, ...)
            settings.put("crystal.batch.default.format", "mode".equals(formatAndCodec[0]) ? mode : formatAndCodec[0]);
            settings.put("crystal.batch.default.compression", formatAndCodec.length > 1 ? formatAndCodec[1] : "none");
        }
        return settings;
    }

    /** The report's batch column: ingress lists and channel batches, or null for neither. */
    static String describeBatching(Plan plan) {
        String lists = plan.ingressBatch() > 1 ? "lists of " + plan.ingressBatch() : null;
        if (lists == null || plan.batch() == null) {
            return lists == null ? plan.batch() : lists;
        }
        return lists + ", " + plan.batch();
    }

    public static List<Result> run(Plan plan) throws Exception {
        List<SideBySide.Variant> variants = variants(plan);
        Map<String, List<FlowLoad.Window>> windows = new LinkedHashMap<>();
        variants.forEach(v -> windows.put(v.name(), new ArrayList<>()));
        for (int round = 0; round < plan.rounds(); round++) {
            for (SideBySide.Variant variant : variants) {
                FlowLoad.Window window = plan.inProcess()
                        ? SideBySide.window(variant, plan.warmup(), plan.measure(), plan.producers())
                        : SideBySide.inFreshJvm(variant, plan.warmup(), plan.measure(), plan.producers());
                windows.get(variant.name()).add(window);
                System.out.printf("round %d %-34s %,10.0f settlements/s  p50 %,8d us  p99 %,8d us  %7.2f us CPU  %,8.0f B/settlement  errors %d%n",
                        round + 1, variant.name(), window.perSecond(), window.latency().p50(), window.latency().p99(),
                        window.cpuMicrosPerMessage(), window.allocatedBytesPerMessage(), window.errors());
            }
        }
        List<Result> results = new ArrayList<>();
        for (SideBySide.Variant variant : variants) {
            results.add(new Result(variant.mode(), variant.flow().isFloor() ? null : describeBatching(plan), variant.ratePerSecond(),
                    windows.get(variant.name())));
        }
        return results;
    }
}

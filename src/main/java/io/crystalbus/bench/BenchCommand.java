package io.crystalbus.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code bench [--modes object,json,cbor,yaml] [--rate 10000] [--batch json+zstd] [--duration 20s] [--warmup 10s]
 * [--rounds 1] [--out target/bench]}: the settlement flow per wire mode ({@link FlowBench}); with
 * {@code --http URL [--connections 8] [--http-batch 100]}, over HTTP to a running bus instead ({@link HttpLoad}).
 * {@code bench metrics-overhead|batching [--rounds 3] [--warmup 10s] [--duration 10s] [--producers 2] [--only a,b]}:
 * configurations of the bus side by side ({@link SideBySide#suites()}).
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    /** The suite's baseline and the variants named in {@code --only} (comma-separated), or all. */
    private static java.util.List<SideBySide.Variant> variants(String suite, String only) {
        var all = SideBySide.suites().get(suite);
        if (all == null) {
            throw new IllegalArgumentException("unknown benchmark '" + suite + "'; available: " + SideBySide.suites().keySet());
        }
        if (only == null) {
            return all;
        }
        var names = java.util.Set.of(only.split(","));
        return all.stream().filter(v -> v == all.get(0) || names.contains(v.name())).toList();
    }

    /**
     * What a run is asked for ({@code cli.BenchCli} reads it from the command line). {@code what}: {@code flow}, a
     * side-by-side suite, or {@code window} (one variant's window in this JVM, named {@code window}); null rounds
     * and measure take the defaults of {@code what}; {@code settings} are the bus's for every variant.
     */
    public record Options(String what, String window, Integer rounds, String only, int producers, Duration warmup,
                          Duration measure, List<String> modes, String batch, int ingressBatch, List<Long> rates, String output,
                          boolean inProcess, String http, int connections, int httpBatch, FlowLoad.Flow flow, String mode,
                          Map<String, String> settings) {
        int roundsOrDefault() {
            return rounds != null ? rounds : "flow".equals(what) ? 1 : 3;
        }

        Duration measureOrDefault() {
            return measure != null ? measure : Duration.ofSeconds("flow".equals(what) ? 20 : 10);
        }
    }

    public static void run(Options o) throws Exception {
        Duration measure = o.measureOrDefault();
        switch (o.what()) {
            case "window" -> SideBySide.runWindow(new SideBySide.Variant(o.window(), o.flow(), o.settings(), o.mode(), o.rates().get(0), o.ingressBatch()),
                    o.warmup(), measure, o.producers());
            case "flow" -> {
                if (o.http() != null) {
                    System.out.println(HttpLoad.run(o.http(), o.connections(), o.httpBatch(), o.warmup(), measure, o.output()));
                    return;
                }
                List<String> modes = o.modes();
                if (modes == null) {
                    // object references cannot cross a broker
                    modes = "jms".equals(o.settings().get("crystal.transport")) ? List.of("json", "cbor") : List.of("object", "json", "cbor", "yaml");
                }
                FlowBench.Plan plan = new FlowBench.Plan(modes, o.batch(), o.ingressBatch(), o.rates(), o.roundsOrDefault(), o.warmup(), measure,
                        o.producers(), o.output(), o.inProcess(), o.settings());
                System.out.println(BenchReport.write(plan, FlowBench.run(plan)));
            }
            default -> System.out.println(SideBySide.run(variants(o.what(), o.only()), o.roundsOrDefault(), o.warmup(), measure, o.producers()));
        }
    }
}

package io.crystalbus.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.TimeUtils;

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

    public static void run(String[] args) throws Exception {
        String what = args.length > 0 && !args[0].startsWith("--") ? args[0] : "flow";
        int rounds = "flow".equals(what) ? 1 : 3;
        String only = null;
        int producers = 2;
        Duration warmup = Duration.ofSeconds(10);
        Duration measure = Duration.ofSeconds("flow".equals(what) ? 20 : 10);
        List<String> modes = null;
        String batch = null;
        int ingressBatch = 1;
        long rate = 10_000;
        String output = "target/bench";
        boolean inProcess = false;
        String http = null;
        int connections = 8;
        int httpBatch = 100;
        FlowLoad.Flow flow = FlowLoad.Flow.SETTLEMENT;
        String mode = "object";
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--producers" -> producers = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Duration.ofMillis(TimeUtils.toMilliSeconds(args[++i]));
                case "--duration" -> measure = Duration.ofMillis(TimeUtils.toMilliSeconds(args[++i]));
                case "--modes" -> modes = List.of(args[++i].split(","));
                case "--batch" -> batch = args[++i];
                case "--ingress-batch" -> ingressBatch = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Long.parseLong(args[++i]);
                case "--out" -> output = args[++i];
                case "--in-process" -> inProcess = true;
                case "--http" -> http = args[++i];
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--http-batch" -> httpBatch = Integer.parseInt(args[++i]);
                case "--flow" -> flow = FlowLoad.Flow.valueOf(args[++i]);
                case "--mode" -> mode = args[++i];
                // the durable flow: Artemis inboxes (embedded broker) and the JDBC ledger, each window on fresh data
                case "--transport" -> {
                    settings.put("crystal.transport", args[++i]);
                    if ("jms".equals(args[i])) {
                        settings.put("crystal.store", "jdbc");
                    }
                }
                case "--set" -> {
                    String[] pair = args[++i].split("=", 2);
                    settings.put(pair[0], pair[1]);
                }
                default -> {
                    // the positional benchmark name and the window's name
                }
            }
        }
        switch (what) {
            case "window" -> SideBySide.runWindow(new SideBySide.Variant(args[1], flow, settings, mode, rate, ingressBatch), warmup, measure, producers);
            case "flow" -> {
                if (http != null) {
                    System.out.println(HttpLoad.run(http, connections, httpBatch, warmup, measure, output));
                    return;
                }
                if (modes == null) {
                    // object references cannot cross a broker
                    modes = "jms".equals(settings.get("crystal.transport")) ? List.of("json", "cbor") : List.of("object", "json", "cbor", "yaml");
                }
                FlowBench.Plan plan = new FlowBench.Plan(modes, batch, ingressBatch, rate, rounds, warmup, measure, producers, output, inProcess, settings);
                System.out.println(BenchReport.write(plan, FlowBench.run(plan)));
            }
            default -> System.out.println(SideBySide.run(variants(what, only), rounds, warmup, measure, producers));
        }
    }
}

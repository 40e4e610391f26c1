package io.crystalbus.bench;

import java.time.Duration;
import org.apache.camel.util.TimeUtils;

/**
 * {@code bench metrics-overhead [--rounds 3] [--warmup 10s] [--duration 10s] [--producers 2] [--only a,b]}: the
 * cost of the meters, side by side.
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    /** "off" and the variants named in {@code --only} (comma-separated), or all. */
    private static java.util.List<MetricsOverheadBench.Variant> variants(String only) {
        var all = MetricsOverheadBench.variants();
        if (only == null) {
            return all;
        }
        var names = java.util.Set.of(only.split(","));
        return all.stream().filter(v -> v.name().equals("off") || names.contains(v.name())).toList();
    }

    public static void run(String[] args) throws Exception {
        String what = args.length > 0 && !args[0].startsWith("--") ? args[0] : "metrics-overhead";
        int rounds = 3;
        String only = null;
        int producers = 2;
        Duration warmup = Duration.ofSeconds(10);
        Duration measure = Duration.ofSeconds(10);
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--producers" -> producers = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Duration.ofMillis(TimeUtils.toMilliSeconds(args[++i]));
                case "--duration" -> measure = Duration.ofMillis(TimeUtils.toMilliSeconds(args[++i]));
                default -> {
                    // the positional benchmark name
                }
            }
        }
        switch (what) {
            case "metrics-overhead" -> System.out.println(MetricsOverheadBench.run(variants(only), rounds, warmup, measure, producers));
            case "window" -> MetricsOverheadBench.runWindow(args[1], warmup, measure, producers);
            default -> throw new IllegalArgumentException("unknown benchmark '" + what + "'; available: metrics-overhead");
        }
    }
}

package io.crystalbus.bench;

import java.time.Duration;
import org.apache.camel.util.TimeUtils;

/**
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
        if ("window".equals(what)) {
            SideBySide.runWindow(args[1], warmup, measure, producers);
        } else {
            System.out.println(SideBySide.run(variants(what, only), rounds, warmup, measure, producers));
        }
    }
}

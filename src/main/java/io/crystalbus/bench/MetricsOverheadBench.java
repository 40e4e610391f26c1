package io.crystalbus.bench;

import io.crystalbus.CrystalBus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of the meters: the settlement flow at maximum rate with metrics off and on, in alternating rounds,
 * each measurement in a fresh JVM (in one JVM the code the JIT compiled for one configuration skews the
 * next), reporting medians and the ratios to "off" of throughput and CPU per settlement.
 */
public final class MetricsOverheadBench {
    private MetricsOverheadBench() {
    }

    /** A configuration measured against "off": its name and the settings it changes. */
    public record Variant(String name, Map<String, String> settings) {
    }

    /** Metrics off, the shipped configuration, and what each of Camel's optional meter sources adds to it. */
    public static List<Variant> variants() {
        return allVariants();
    }

    private static List<Variant> allVariants() {
        return List.of(
                new Variant("off", Map.of("camel.metrics.enabled", "false", "crystal.metrics.enabled", "false")),
                new Variant("shipped", Map.of()),
                new Variant("shipped + camel route policy", Map.of("camel.metrics.enableRoutePolicy", "true")),
                new Variant("shipped + camel exchange event notifier", Map.of("camel.metrics.enableExchangeEventNotifier", "true")),
                // the rollout router on the balance channel with the same mode on both paths: the decider's own cost
                new Variant("shipped + rollout decider", Map.of("crystal.rollout.balance.enabled", "true",
                        "crystal.rollout.balance.percent", "50", "crystal.rollout.balance.pilot", "object",
                        "crystal.rollout.balance.control", "object")));
    }

    public static String run(List<Variant> variants, int rounds, Duration warmup, Duration measure, int producers) throws Exception {
        Map<String, List<SettlementLoad.Window>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v.name(), new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Variant variant : variants) {
                SettlementLoad.Window window = inFreshJvm(variant.name(), warmup, measure, producers);
                results.get(variant.name()).add(window);
                System.out.printf("round %d %-46s %,10.0f settlements/s  %7.2f us CPU/settlement  rejected %d%n",
                        round + 1, variant.name(), window.perSecond(), window.cpuMicrosPerMessage(), window.rejected());
            }
        }
        List<SettlementLoad.Window> off = results.get(variants.get(0).name());
        double offRate = median(off, SettlementLoad.Window::perSecond);
        double offCpu = median(off, SettlementLoad.Window::cpuMicrosPerMessage);
        StringBuilder table = new StringBuilder(String.format("| configuration | settlements/s (median of %d) | CPU us/settlement "
                + "(median) | throughput vs off | CPU/settlement vs off | CPU/settlement vs off, median of the rounds' own ratios |%n"
                + "|---|---|---|---|---|---|%n", rounds));
        for (Variant variant : variants) {
            List<SettlementLoad.Window> windows = results.get(variant.name());
            double rate = median(windows, SettlementLoad.Window::perSecond);
            double cpu = median(windows, SettlementLoad.Window::cpuMicrosPerMessage);
            // each round measures off and this variant back to back, so their ratio cancels the drift between rounds
            List<Double> pairedRatios = new ArrayList<>();
            for (int round = 0; round < windows.size(); round++) {
                pairedRatios.add(windows.get(round).cpuMicrosPerMessage() / off.get(round).cpuMicrosPerMessage());
            }
            table.append(String.format("| %s | %,.0f | %.2f | %.3f | %+.1f%% | %+.1f%% |%n", variant.name(), rate, cpu, rate / offRate,
                    (cpu / offCpu - 1) * 100, (medianOf(pairedRatios) - 1) * 100));
        }
        return table.toString();
    }

    private static final String RESULT = "WINDOW ";

    /** Runs {@code bench window <variant>} in a new JVM on this class path and reads its result line. */
    private static SettlementLoad.Window inFreshJvm(String variant, Duration warmup, Duration measure, int producers) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), CrystalBus.class.getName(), "bench", "window", variant,
                "--warmup", warmup.toMillis() + "ms", "--duration", measure.toMillis() + "ms", "--producers", String.valueOf(producers));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith(RESULT)) {
                    result = line.substring(RESULT.length());
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("benchmark JVM failed:\n" + output);
        }
        String[] f = result.trim().split(" ");
        return new SettlementLoad.Window(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Long.parseLong(f[4]));
    }

    /** The child side: one bus in the given variant, one measured window, printed as a result line. */
    public static void runWindow(String variant, Duration warmup, Duration measure, int producers) throws Exception {
        Variant chosen = allVariants().stream().filter(v -> v.name().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown variant " + variant));
        CrystalBus bus = new CrystalBus(settings(chosen)).start();
        try {
            SettlementLoad.Window w = SettlementLoad.run(bus, producers, 10_000, warmup, measure);
            System.out.println(RESULT + w.completed() + " " + w.seconds() + " " + w.perSecond() + " " + w.cpuMicrosPerMessage() + " " + w.rejected());
        } finally {
            bus.stop();
        }
    }

    private static Map<String, String> settings(Variant variant) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.server.port", "0");
        settings.put("camel.management.enabled", "false");
        settings.put("crystal.console.enabled", "false");
        settings.put("crystal.data.dir", "target/bench-data");
        settings.putAll(variant.settings());
        return settings;
    }

    static double median(List<SettlementLoad.Window> windows, java.util.function.ToDoubleFunction<SettlementLoad.Window> value) {
        return medianOf(windows.stream().map(value::applyAsDouble).toList());
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

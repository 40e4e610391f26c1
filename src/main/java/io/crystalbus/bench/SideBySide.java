package io.crystalbus.bench;

import io.crystalbus.CrystalBus;
import io.crystalbus.bench.floor.CamelFloor;
import io.crystalbus.bench.floor.Floor;
import io.crystalbus.bench.floor.JavaFloor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.lang.management.ManagementFactory;
import org.apache.camel.util.FileUtil;

/**
 * Configurations of the bus measured side by side: one flow at maximum rate in each, in alternating rounds,
 * each measurement in a fresh JVM (in one JVM the code the JIT compiled for one configuration skews the
 * next), reporting medians and the ratios to the suite's first configuration (its baseline) of throughput
 * and CPU per message.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /**
     * A configuration: its name, the flow it drives, the settings it changes, the first hop's wire mode and
     * the load (0: maximum rate, else an open-loop rate per second) and the wagers per settlement-inbox message.
     */
    public record Variant(String name, FlowLoad.Flow flow, Map<String, String> settings, String mode, long ratePerSecond, int ingressBatch) {

        public Variant(String name, FlowLoad.Flow flow, Map<String, String> settings) {
            this(name, flow, settings, "object", 0, 1);
        }

        FlowLoad.Options options(int producers, Duration warmup, Duration measure) {
            return new FlowLoad.Options(flow, producers, 10_000, warmup, measure, ratePerSecond, mode, ingressBatch);
        }
    }

    /** The suites by name; each suite's first variant is its baseline. */
    public static Map<String, List<Variant>> suites() {
        Map<String, List<Variant>> suites = new LinkedHashMap<>();
        // the cost of the meters: off, the shipped configuration, and what each of Camel's optional meter sources adds
        suites.put("metrics-overhead", List.of(
                new Variant("off", FlowLoad.Flow.SETTLEMENT, Map.of("camel.metrics.enabled", "false", "crystal.metrics.enabled", "false")),
                new Variant("shipped", FlowLoad.Flow.SETTLEMENT, Map.of()),
                new Variant("shipped + camel route policy", FlowLoad.Flow.SETTLEMENT, Map.of("camel.metrics.enableRoutePolicy", "true")),
                new Variant("shipped + camel exchange event notifier", FlowLoad.Flow.SETTLEMENT, Map.of("camel.metrics.enableExchangeEventNotifier", "true")),
                // the rollout router on the balance channel with the same mode on both paths: the decider's own cost
                new Variant("shipped + rollout decider", FlowLoad.Flow.SETTLEMENT, Map.of("crystal.rollout.balance.enabled", "true",
                        "crystal.rollout.balance.percent", "50", "crystal.rollout.balance.pilot", "object",
                        "crystal.rollout.balance.control", "object"))));
        // the settlement flow against its floors: the same topology in plain Camel (the baseline) and as plain Java
        // hand-offs, one by one, bodies by reference
        suites.put("floor", List.of(
                new Variant("plain Camel, the same topology", FlowLoad.Flow.CAMEL_FLOOR, Map.of()),
                new Variant("plain Java hand-offs", FlowLoad.Flow.JAVA_FLOOR, Map.of()),
                new Variant("crystal-bus (object, one by one)", FlowLoad.Flow.SETTLEMENT, Map.of())));
        // the balance flow one adjustment at a time against batches (by reference, and as compressed frames)
        suites.put("batching", List.of(
                new Variant("balance, one by one", FlowLoad.Flow.BALANCE, Map.of("crystal.rollout.balance.control", "object")),
                new Variant("balance, batched (object)", FlowLoad.Flow.BALANCE, Map.of("crystal.rollout.balance.control", "batch",
                        "crystal.batch.balance.format", "object")),
                new Variant("balance, batched (cbor + lz4)", FlowLoad.Flow.BALANCE, Map.of("crystal.rollout.balance.control", "batch",
                        "crystal.batch.balance.format", "cbor", "crystal.batch.balance.compression", "lz4")),
                new Variant("balance, batched (json + zstd)", FlowLoad.Flow.BALANCE, Map.of("crystal.rollout.balance.control", "batch",
                        "crystal.batch.balance.format", "json", "crystal.batch.balance.compression", "zstd"))));
        return suites;
    }

    private static List<Variant> allVariants() {
        return suites().values().stream().flatMap(List::stream).toList();
    }

    public static String run(List<Variant> variants, int rounds, Duration warmup, Duration measure, int producers) throws Exception {
        Map<String, List<FlowLoad.Window>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v.name(), new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Variant variant : variants) {
                FlowLoad.Window window = inFreshJvm(variant, warmup, measure, producers);
                results.get(variant.name()).add(window);
                System.out.printf("round %d %-46s %,10.0f messages/s  %7.2f us CPU/message  rejected %d%n",
                        round + 1, variant.name(), window.perSecond(), window.cpuMicrosPerMessage(), window.rejected());
            }
        }
        String baseline = variants.get(0).name();
        List<FlowLoad.Window> off = results.get(baseline);
        double offRate = median(off, FlowLoad.Window::perSecond);
        double offCpu = median(off, FlowLoad.Window::cpuMicrosPerMessage);
        String unit = variants.get(0).flow() == FlowLoad.Flow.BALANCE ? "message" : "settlement";
        StringBuilder table = new StringBuilder(String.format("| configuration | %ss/s (median of %d) | CPU us/%s "
                + "(median) | throughput vs %s | throughput vs %s, median of the rounds' own ratios | CPU/%s vs %s "
                + "| CPU/%s vs %s, median of the rounds' own ratios |%n|---|---|---|---|---|---|---|%n",
                unit, rounds, unit, baseline, baseline, unit, baseline, unit, baseline));
        for (Variant variant : variants) {
            List<FlowLoad.Window> windows = results.get(variant.name());
            double rate = median(windows, FlowLoad.Window::perSecond);
            double cpu = median(windows, FlowLoad.Window::cpuMicrosPerMessage);
            // each round measures the baseline and this variant back to back, so their ratio cancels the drift between rounds
            List<Double> pairedRates = new ArrayList<>();
            List<Double> pairedCpu = new ArrayList<>();
            for (int round = 0; round < windows.size(); round++) {
                pairedRates.add(windows.get(round).perSecond() / off.get(round).perSecond());
                pairedCpu.add(windows.get(round).cpuMicrosPerMessage() / off.get(round).cpuMicrosPerMessage());
            }
            table.append(String.format("| %s | %,.0f | %.2f | %.2fx | %.2fx | %+.1f%% | %+.1f%% |%n", variant.name(), rate, cpu,
                    rate / offRate, medianOf(pairedRates), (cpu / offCpu - 1) * 100, (medianOf(pairedCpu) - 1) * 100));
        }
        return table.toString();
    }

    private static final String RESULT = "WINDOW ";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Runs {@code bench window} for the variant in a new JVM on this class path (the variant's settings passed
     * as {@code --set key=value}) and reads its result line, a JSON {@link FlowLoad.Window}.
     */
    static FlowLoad.Window inFreshJvm(Variant variant, Duration warmup, Duration measure, int producers) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrystalBus.class.getName(), "bench", "window", variant.name(),
                "--flow", variant.flow().name(), "--mode", variant.mode(), "--rate", String.valueOf(variant.ratePerSecond()),
                "--ingress-batch", String.valueOf(variant.ingressBatch()),
                "--warmup", warmup.toMillis() + "ms", "--duration", measure.toMillis() + "ms", "--producers", String.valueOf(producers)));
        variant.settings().forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
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
        return JSON.readValue(result, FlowLoad.Window.class);
    }

    /**
     * The child JVMs run with this JVM's heap and collector options (bin/crystal-bus gives it etc/jvm.options), so
     * a figure is for the settings the bus runs with; a 2 GB heap when this JVM was given none.
     */
    static List<String> jvmOptions() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X") && !option.startsWith("-Xlog") || option.startsWith("-XX:")).toList();
        return options.stream().anyMatch(option -> option.startsWith("-Xmx")) ? options : Stream.concat(Stream.of("-Xmx2g"), options.stream()).toList();
    }

    /** The child side: one bus with the variant's settings, one measured window, printed as a result line. */
    public static void runWindow(Variant variant, Duration warmup, Duration measure, int producers) throws Exception {
        System.out.println(RESULT + JSON.writeValueAsString(window(variant, warmup, measure, producers)));
    }

    /** One bus with the variant's settings and one measured window, in this JVM. */
    static FlowLoad.Window window(Variant variant, Duration warmup, Duration measure, int producers) throws Exception {
        if (variant.flow().isFloor()) {
            Latencies latencies = new Latencies();
            try (Floor floor = variant.flow() == FlowLoad.Flow.CAMEL_FLOOR ? new CamelFloor(latencies) : new JavaFloor(latencies)) {
                return FlowLoad.runWagers(floor, latencies, variant.options(producers, warmup, measure));
            }
        }
        // a data directory of its own per window (a broker journal and a store), so no window starts on another's
        // backlog; in the system's temporary directory, so the bench runs from any directory, and deleted after it
        Path data = Files.createTempDirectory("crystal-bench-");
        try {
            CrystalBus bus = new CrystalBus(settings(variant, data)).start();
            try {
                return FlowLoad.run(bus, variant.options(producers, warmup, measure));
            } finally {
                bus.stop();
            }
        } finally {
            FileUtil.removeDir(data.toFile());
        }
    }

    private static Map<String, String> settings(Variant variant, Path data) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.server.port", "0");
        settings.put("camel.management.enabled", "false");
        settings.put("crystal.console.enabled", "false");
        settings.put("crystal.data.dir", data.toString());
        settings.putAll(variant.settings());
        return settings;
    }

    static double median(List<FlowLoad.Window> windows, java.util.function.ToDoubleFunction<FlowLoad.Window> value) {
        return medianOf(windows.stream().map(value::applyAsDouble).toList());
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

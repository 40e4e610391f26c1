package io.crystalbus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The report of a {@link FlowBench} run: medians of the rounds per configuration, each mode's ratio to the
 * legacy {@code json} mode at the same load, the seed's baseline and targets as reference rows; as a Markdown
 * table (printed and {@code report.md}), {@code report.json} and a self-contained SVG chart of the latency
 * percentiles per mode ({@code latency.svg}).
 */
public final class BenchReport {
    static final String BASELINE_MODE = "json";

    /** One configuration, its figures the medians of its rounds. */
    public record Row(String mode, String batch, String compression, String load, long ratePerSecond, double throughputPerSecond,
                      double p50Micros, double p99Micros, double p999Micros, double maxMicros, double cpuMicrosPerMessage,
                      double allocatedBytesPerMessage, double errors, Double throughputVsJson, Double cpuVsJson,
                      Double throughputVsCamelFloor, Map<String, double[]> hopsP50P99Micros) {
    }

    private BenchReport() {
    }

    static List<Row> rows(List<FlowBench.Result> results) {
        List<Row> rows = new ArrayList<>();
        Double camelFloor = results.stream().filter(r -> r.mode().equals(FlowBench.CAMEL_FLOOR)).findFirst()
                .map(floor -> SideBySide.median(floor.windows(), FlowLoad.Window::perSecond)).orElse(null);
        for (FlowBench.Result result : results) {
            // a floor is not a wire mode: compared with nothing but itself
            FlowBench.Result json = FlowBench.isFloor(result.mode()) ? null : results.stream()
                    .filter(r -> r.mode().equals(BASELINE_MODE) && r.rate() == result.rate() && Objects.equals(r.batch(), result.batch()))
                    .findFirst().orElse(null);
            List<FlowLoad.Window> w = result.windows();
            double throughput = SideBySide.median(w, FlowLoad.Window::perSecond);
            double cpu = SideBySide.median(w, FlowLoad.Window::cpuMicrosPerMessage);
            String[] batch = result.batch() == null ? new String[] {"none", "none"} : (result.batch() + "+none").split("\\+");
            rows.add(new Row(result.mode(), batch[0], batch[1], result.rate() == 0 ? "max" : String.format(Locale.ROOT, "%,d/s", result.rate()),
                    result.rate(), throughput, SideBySide.median(w, x -> x.latency().p50()), SideBySide.median(w, x -> x.latency().p99()),
                    SideBySide.median(w, x -> x.latency().p999()), SideBySide.median(w, x -> x.latency().max()), cpu,
                    SideBySide.median(w, FlowLoad.Window::allocatedBytesPerMessage), SideBySide.median(w, FlowLoad.Window::errors),
                    json == null ? null : throughput / SideBySide.median(json.windows(), FlowLoad.Window::perSecond),
                    json == null ? null : cpu / SideBySide.median(json.windows(), FlowLoad.Window::cpuMicrosPerMessage),
                    camelFloor == null || result.rate() != 0 ? null : throughput / camelFloor,
                    hops(w)));
        }
        return rows;
    }

    private static Map<String, double[]> hops(List<FlowLoad.Window> windows) {
        Map<String, double[]> hops = new TreeMap<>();
        windows.get(0).hops().keySet().forEach(hop -> hops.put(hop, new double[] {
                SideBySide.median(windows, w -> w.hops().containsKey(hop) ? w.hops().get(hop).p50() : Double.NaN),
                SideBySide.median(windows, w -> w.hops().containsKey(hop) ? w.hops().get(hop).p99() : Double.NaN)}));
        return hops;
    }

    /** Writes report.json, report.md and latency.svg; returns the Markdown. */
    public static String write(FlowBench.Plan plan, List<FlowBench.Result> results) throws IOException {
        List<Row> rows = rows(results);
        String markdown = markdown(plan, rows);
        Path directory = Path.of(plan.outputDirectory());
        Files.createDirectories(directory);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine());
        json.put("plan", Map.of("modes", plan.modes(), "batch", String.valueOf(plan.batch()), "ingress_batch", plan.ingressBatch(), "fixed_rates_per_s", plan.rates(),
                "rounds", plan.rounds(), "warmup_s", plan.warmup().toSeconds(), "window_s", plan.measure().toSeconds(),
                "producers", plan.producers(), "in_process", plan.inProcess()));
        json.put("reference", reference());
        json.put("runs", rows.stream().map(BenchReport::run).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("report.json").toFile(), json);
        Files.writeString(directory.resolve("report.md"), markdown);
        Files.writeString(directory.resolve("latency.svg"), LatencyChart.svg(rows.stream().filter(r -> r.ratePerSecond() > 0).toList()));
        return markdown;
    }

    private static Map<String, Object> run(Row row) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", row.mode());
        run.put("batch", row.batch());
        run.put("compression", row.compression());
        run.put("load", row.load());
        run.put("throughput_per_s", Math.round(row.throughputPerSecond()));
        run.put("p50_us", row.p50Micros());
        run.put("p99_us", row.p99Micros());
        run.put("p999_us", row.p999Micros());
        run.put("max_us", row.maxMicros());
        run.put("cpu_us_per_msg", round2(row.cpuMicrosPerMessage()));
        run.put("alloc_bytes_per_msg", Math.round(row.allocatedBytesPerMessage()));
        run.put("errors", Math.round(row.errors()));
        run.put("throughput_vs_json", row.throughputVsJson() == null ? null : round2(row.throughputVsJson()));
        run.put("cpu_vs_json", row.cpuVsJson() == null ? null : round2(row.cpuVsJson()));
        run.put("throughput_vs_camel_floor", row.throughputVsCamelFloor() == null ? null : round2(row.throughputVsCamelFloor()));
        Map<String, Object> hops = new LinkedHashMap<>();
        row.hopsP50P99Micros().forEach((hop, p) -> hops.put(hop, Map.of("p50_us", p[0], "p99_us", p[1])));
        run.put("hops", hops);
        return run;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return machine;
    }

    /** The system crystal-bus replaces, and the targets it was given (the figures). */
    static Map<String, Object> reference() {
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("seed_baseline", Map.of("throughput_per_s", 200, "hop_ms", 45, "settlement_s", "4-6"));
        reference.put("seed_target", Map.of("throughput_per_s", 1000, "hop_ms", 8, "settlement_s", 2, "error_rate", 0.001));
        return reference;
    }

    static String markdown(FlowBench.Plan plan, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Settlement flow, in-process; %d round(s), warm-up %ds, window %ds, %d producers; medians of the rounds.%n%n",
                plan.rounds(), plan.warmup().toSeconds(), plan.measure().toSeconds(), plan.producers()));
        md.append("| mode | batch | load | settlements/s | p50 us | p99 us | p99.9 us | max us | CPU us/settlement | alloc B/settlement | errors | throughput vs json | CPU vs json | throughput vs Camel floor |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        md.append("| seed baseline (reference) | | | 200 | 4,000,000-6,000,000 | | | | | | | | | |\n");
        md.append("| seed target (reference) | | | 1,000 | | 2,000,000 | | | | | under 0.1% | | | |\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %,.0f | %.0f | %s | %s | %s |%n",
                    row.mode(), row.batch().equals("none") ? "-" : row.batch() + "+" + row.compression(), row.load(),
                    row.throughputPerSecond(), row.p50Micros(), row.p99Micros(), row.p999Micros(), row.maxMicros(),
                    row.cpuMicrosPerMessage(), row.allocatedBytesPerMessage(), row.errors(),
                    ratio(row.throughputVsJson()), ratio(row.cpuVsJson()), ratio(row.throughputVsCamelFloor())));
        }
        md.append("\nPer hop at the fixed rate (p50 / p99 us; seed: 45 ms per hop, target 8 ms):\n\n| mode | hop | p50 us | p99 us |\n|---|---|---|---|\n");
        for (Row row : rows) {
            if (row.ratePerSecond() > 0) {
                row.hopsP50P99Micros().forEach((hop, p) -> md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f |%n", row.mode(), hop, p[0], p[1])));
            }
        }
        return md.toString();
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2fx", value);
    }
}

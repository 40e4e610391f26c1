package io.crystalbus.cli;

import io.crystalbus.bench.BenchCommand;
import io.crystalbus.bench.FlowLoad;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bench [flow|window NAME|SUITE] [options]}: the settlement flow's benchmark, or configurations side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Benchmarks the settlement flow, or configurations of the bus side by side.",
        "flow (the default): the settlement flow per wire mode, at maximum and at fixed rates; writes",
        "  <out>/report.json, report.md, latency.svg. With --http URL: over HTTP to a running bus instead.",
        "floor | metrics-overhead | batching: configurations side by side in fresh JVMs (medians, ratios); floor: the",
        "  settlement flow against the same topology in plain Camel and as plain Java hand-offs.",
        "window NAME: one variant's measured window in this JVM (what the side-by-side runs start)."})
final class BenchCli implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "flow", paramLabel = "WHAT", description = "flow, window or a suite (default: flow)")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "the window's variant name (window only)")
    String window;

    @Option(names = "--modes", split = ",", description = "wire modes: object, json, cbor, yaml (default: all; json,cbor on jms)")
    List<String> modes;

    @Option(names = "--rate", split = ",", defaultValue = "10000",
            description = "the fixed rates, settlements/s, e.g. 1000,10000,50000 (0: at maximum only; window: the first; default: ${DEFAULT-VALUE})")
    List<Long> rates;

    @Option(names = "--batch", description = "channel batches, e.g. mode or json+zstd")
    String batch;

    @Option(names = "--ingress-batch", defaultValue = "1", description = "settlements per request (default: ${DEFAULT-VALUE})")
    int ingressBatch;

    @Option(names = "--transport", description = "jms: Artemis inboxes (embedded broker) and the JDBC store, each window on fresh data")
    String transport;

    @Option(names = "--rounds", description = "rounds (default: 1 for flow, 3 side by side)")
    Integer rounds;

    @Option(names = "--warmup", converter = DurationConverter.class,
            description = "(default: 10s; 60s with --transport jms, whose few hundred settlements/s leave the JIT compiling for about a minute)")
    Duration warmup;

    @Option(names = "--duration", converter = DurationConverter.class, description = "the measured window (default: 20s for flow, 10s side by side)")
    Duration duration;

    @Option(names = "--producers", defaultValue = "2", description = "threads sending (default: ${DEFAULT-VALUE})")
    int producers;

    @Option(names = "--only", split = ",", description = "side by side: the baseline and these variants only")
    List<String> only;

    @Option(names = "--out", defaultValue = "target/bench", description = "the report's directory (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = "--in-process", description = "every window in this JVM instead of a fresh one each")
    boolean inProcess;

    @Option(names = "--http", paramLabel = "URL", description = "load a running bus over HTTP instead")
    String http;

    @Option(names = "--connections", defaultValue = "8", description = "HTTP connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--http-batch", defaultValue = "100", description = "settlements per HTTP request (default: ${DEFAULT-VALUE})")
    int httpBatch;

    @Option(names = "--flow", defaultValue = "SETTLEMENT", description = "window: the flow loaded (${COMPLETION-CANDIDATES})")
    FlowLoad.Flow flow;

    @Option(names = "--mode", defaultValue = "object", description = "window: the wire mode (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--set", paramLabel = "key=value", description = "a setting of the bus under test (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        if (transport != null) {
            settings.put("crystal.transport", transport);
            if ("jms".equals(transport)) {
                settings.put("crystal.store", "jdbc");
            }
        }
        settings.putAll(set);
        Duration warm = warmup != null ? warmup : Duration.ofSeconds("jms".equals(transport) ? 60 : 10);
        BenchCommand.run(new BenchCommand.Options(what, window, rounds, only == null ? null : String.join(",", only), producers, warm,
                duration, modes, batch, ingressBatch, rates, output, inProcess, http, connections, httpBatch, flow, mode, settings));
        return 0;
    }

    /** {@code 10s}, {@code 1500ms}, {@code 2m}: Camel's duration syntax, as the settings use. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(value));
        }
    }
}

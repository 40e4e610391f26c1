package io.crystalbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bench's arithmetic and report on synthetic windows, and a short smoke run of the real thing. */
class BenchReportTest {

    private static FlowLoad.Window window(double perSecond, double cpu, long p50, long p99) {
        return new FlowLoad.Window((long) perSecond, 1.0, perSecond, cpu, 0, 500, 0,
                new Latencies.Percentiles(1000, p50, p99, p99 * 2, p99 * 3), Map.of("api->settlement", new Latencies.Percentiles(10, 5, 9, 9, 9)));
    }

    @Test
    void latenciesGiveExactPercentilesOfTheWindowAfterAReset() {
        Latencies latencies = new Latencies();
        latencies.settlement(1_000_000);
        latencies.reset();
        for (int micros = 1; micros <= 1000; micros++) {
            latencies.settlement(micros);
            latencies.hop("a", "b", micros * 2L);
        }
        Latencies.Percentiles window = latencies.settlementWindow();
        assertThat(window.count()).isEqualTo(1000);
        assertThat(window.p50()).isEqualTo(500);
        assertThat(window.p99()).isEqualTo(990);
        assertThat(window.p999()).isEqualTo(999);
        assertThat(window.max()).isEqualTo(1000);
        assertThat(latencies.hopWindows().get("a->b").p50()).isEqualTo(1000);
        assertThat(latencies.settlementWindow().count()).as("a window starts empty").isZero();
    }

    @Test
    void rowsAreMediansOfTheRoundsWithRatiosToJsonAtTheSameLoad() {
        List<FlowBench.Result> results = List.of(
                new FlowBench.Result("object", null, 0, List.of(window(100_000, 10, 0, 0), window(300_000, 5, 0, 0), window(200_000, 8, 0, 0))),
                new FlowBench.Result("json", null, 0, List.of(window(40_000, 40, 0, 0), window(50_000, 40, 0, 0), window(30_000, 30, 0, 0))),
                new FlowBench.Result("object", null, 10_000, List.of(window(10_000, 12, 60, 230))),
                new FlowBench.Result("json", null, 10_000, List.of(window(10_000, 24, 120, 460))),
                new FlowBench.Result(FlowBench.CAMEL_FLOOR, null, 0, List.of(window(400_000, 2, 0, 0))));
        List<BenchReport.Row> rows = BenchReport.rows(results);
        assertThat(rows.get(0).throughputVsCamelFloor()).as("object at max against the Camel floor").isEqualTo(0.5);
        assertThat(rows.get(2).throughputVsCamelFloor()).as("a fixed rate is not compared with a floor").isNull();
        assertThat(rows.get(0).throughputPerSecond()).isEqualTo(200_000);
        assertThat(rows.get(0).cpuMicrosPerMessage()).isEqualTo(8);
        assertThat(rows.get(0).throughputVsJson()).isEqualTo(5.0);
        assertThat(rows.get(0).cpuVsJson()).isEqualTo(0.2);
        assertThat(rows.get(2).p99Micros()).isEqualTo(230);
        assertThat(rows.get(2).cpuVsJson()).isEqualTo(0.5);
        assertThat(rows.get(3).throughputVsJson()).isEqualTo(1.0);
        assertThat(FlowLoad.perMessage(1000, 0)).isNaN();
        assertThat(FlowLoad.perMessage(1000, 4)).isEqualTo(250);
    }

    @Test
    void eachModeRunsEveryChannelInThatModeAndBatchingSetsTheBatchedFlows() {
        assertThat(FlowBench.settings("cbor", null)).containsEntry("crystal.rollout.balance.control", "cbor")
                .containsEntry("crystal.rollout.free-play.control", "cbor").containsEntry("crystal.rollout.distributions.control", "cbor");
        assertThat(FlowBench.settings("json", "json+zstd")).containsEntry("crystal.rollout.balance.control", "batch")
                .containsEntry("crystal.rollout.free-play.control", "batch").containsEntry("crystal.batch.default.compression", "zstd");
        FlowBench.Plan plan = new FlowBench.Plan(List.of("object", "json"), null, 1, List.of(5000L), 1, Duration.ZERO, Duration.ZERO, 2, "x", true);
        assertThat(FlowBench.variants(plan)).extracting(SideBySide.Variant::name)
                .containsExactly("object @ max", "json @ max", "floor: plain Camel @ max", "floor: plain Java @ max", "object @ 5000/s", "json @ 5000/s");
    }

    @Test
    void severalFixedRatesEachGetTheirWindowsAndTheirGroupInTheChart() {
        FlowBench.Plan plan = new FlowBench.Plan(List.of("object"), null, 1, List.of(1_000L, 10_000L, 1_000L), 1, Duration.ZERO, Duration.ZERO, 2, "x", true);
        assertThat(FlowBench.variants(plan)).extracting(SideBySide.Variant::name)
                .containsExactly("object @ max", "floor: plain Camel @ max", "floor: plain Java @ max", "object @ 1000/s", "object @ 10000/s");
        String svg = LatencyChart.svg(List.of(row("1,000/s", 1_000, 80), row("10,000/s", 10_000, 900)));
        assertThat(svg).contains("at fixed rates", ">object @ 1,000/s</text>", ">object @ 10,000/s</text>", "object @ 10,000/s p99: 900 us");
        assertThat(LatencyChart.svg(List.of(row("1,000/s", 1_000, 80)))).contains("at 1,000/s", ">object</text>");
    }

    private static BenchReport.Row row(String load, long rate, double p99) {
        return new BenchReport.Row("object", "none", "none", load, rate, rate, 50, p99, 2 * p99, 3 * p99, 40, 900, 0, null, null, null, Map.of());
    }

    @Test
    void theHttpLoadCountsAcceptedWagersOfSingleAndListRequests() throws Exception {
        try (io.crystalbus.support.RunningBus bus = io.crystalbus.support.RunningBus.start()) {
            Path out = Path.of("target/bench-http-" + UUID.randomUUID());
            String table = HttpLoad.run(bus.uri("/").toString(), 2, 20, Duration.ofMillis(500), Duration.ofSeconds(1), out.toString());
            assertThat(table).contains("| single | 1 |", "| list | 20 |");
            JsonNode windows = new ObjectMapper().readTree(out.resolve("http-report.json").toFile()).get("windows");
            assertThat(windows).hasSize(2);
            for (JsonNode window : windows) {
                assertThat(window.get("errors").asLong()).isZero();
                assertThat(window.get("wagersPerSecond").asDouble()).isPositive();
                assertThat(window.get("roundTrip").get("p50").asLong()).isPositive();
            }
            assertThat(windows.get(1).get("wagersPerSecond").asDouble()).isGreaterThan(windows.get(1).get("requestsPerSecond").asDouble() * 19);
        }
    }

    @Test
    void aShortRunWritesTheTableTheJsonReportAndTheChart() throws Exception {
        Path out = Path.of("target/bench-smoke-" + UUID.randomUUID());
        FlowBench.Plan plan = new FlowBench.Plan(List.of("object", "json"), null, 1, List.of(2_000L), 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                2, out.toString(), true);
        String table = BenchReport.write(plan, FlowBench.run(plan));
        assertThat(table).contains("| object | - | max |", "| json | - | 2,000/s |", "seed baseline", "| floor: plain Camel | - | max |",
                "| floor: plain Java | - | max |");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("runs")).hasSize(6);
        assertThat(report.get("runs").get(2).get("throughput_vs_camel_floor").asDouble()).isEqualTo(1.0);
        assertThat(report.get("runs").get(0).get("throughput_vs_camel_floor").asDouble()).isPositive();
        for (JsonNode run : report.get("runs")) {
            assertThat(run.get("throughput_per_s").asLong()).as(run.toString()).isPositive();
            assertThat(run.get("errors").asLong()).isZero();
            for (String field : List.of("mode", "batch", "compression", "p50_us", "p99_us", "p999_us", "cpu_us_per_msg")) {
                assertThat(run.has(field)).as(field).isTrue();
            }
        }
        JsonNode fixed = report.get("runs").get(4);
        assertThat(fixed.get("throughput_per_s").asLong()).as("the open-loop rate is held").isBetween(1_500L, 2_500L);
        assertThat(fixed.get("p50_us").asDouble()).isPositive();
        assertThat(fixed.get("hops").size()).isGreaterThanOrEqualTo(3);
        assertThat(Files.readString(out.resolve("latency.svg"))).startsWith("<svg").contains("p99.9");
        assertThat(Files.readString(out.resolve("report.md"))).isEqualTo(table);
    }
}

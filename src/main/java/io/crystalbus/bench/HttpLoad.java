package io.crystalbus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * {@code bench --http URL}: settled wagers over HTTP to a running bus, so the whole path including the API is
 * measured: one wager per request, then lists of {@code batchSize} per request, each for a warm-up and a
 * window, from {@code connections} client threads that each wait for their answer (closed loop: the rate is
 * what the bus answers). Counts only {@code 202} answers as accepted; any other answer is an error.
 */
public final class HttpLoad {

    /** One window: requests and accepted wagers per second, the requests' round-trip percentiles, errors. */
    public record Window(String kind, int perRequest, double requestsPerSecond, double wagersPerSecond, Latencies.Percentiles roundTrip,
                         long errors) {
    }

    private HttpLoad() {
    }

    /** The {@code Authorization} header the load sends, from this environment variable (a secret stays off the command line). */
    public static final String AUTHORIZATION_ENV = "CRYSTAL_BENCH_AUTHORIZATION";

    public static String run(String baseUrl, int connections, int batchSize, Duration warmup, Duration measure, String outputDirectory) throws Exception {
        URI target = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v1/wagers/settled");
        String authorization = System.getenv(AUTHORIZATION_ENV);
        List<Window> windows = List.of(
                window(target, "single", 1, connections, warmup, measure, authorization),
                window(target, "list", batchSize, connections, warmup, measure, authorization));
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Over HTTP to %s, %d connections, warm-up %ds, window %ds, %s.%n%n| requests | wagers/request | requests/s | wagers/s | round trip p50 us | p99 us | p99.9 us | errors |%n|---|---|---|---|---|---|---|---|%n",
                target, connections, warmup.toSeconds(), measure.toSeconds(),
                authorization == null ? "no login" : "login: " + authorization.split(" ")[0]));
        for (Window w : windows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %,d | %,d | %,d | %d |%n", w.kind(), w.perRequest(),
                    w.requestsPerSecond(), w.wagersPerSecond(), w.roundTrip().p50(), w.roundTrip().p99(), w.roundTrip().p999(), w.errors()));
        }
        Path directory = Path.of(outputDirectory);
        Files.createDirectories(directory);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", BenchReport.machine());
        report.put("target", target.toString());
        report.put("windows", windows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("http-report.json").toFile(), report);
        Files.writeString(directory.resolve("http-report.md"), md.toString());
        return md.toString();
    }

    /** @param authorization the {@code Authorization} header of every request, or null for none */
    static Window window(URI target, String kind, int perRequest, int connections, Duration warmup, Duration measure,
                         String authorization) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Recorder roundTrips = new Recorder(60_000_000L, 3);
        LongAdder requests = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String prefix = run + "-" + kind + "-" + c;
            Thread thread = new Thread(() -> {
                long i = 0;
                while (!stop.get()) {
                    StringBuilder body = new StringBuilder(perRequest > 1 ? "[" : "");
                    for (int n = 0; n < perRequest; n++, i++) {
                        body.append(n == 0 ? "" : ",").append(wager(prefix, i));
                    }
                    if (perRequest > 1) {
                        body.append(']');
                    }
                    HttpRequest.Builder builder = HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
                    if (authorization != null) {
                        builder.header("Authorization", authorization);
                    }
                    HttpRequest request = builder.build();
                    long start = System.nanoTime();
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        roundTrips.recordValue(Math.min(60_000_000L, (System.nanoTime() - start) / 1_000));
                        requests.increment();
                        if (status != 202) {
                            errors.increment();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        errors.increment();
                    }
                }
            }, "bench-http-" + c);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(warmup.toMillis());
        roundTrips.getIntervalHistogram();
        long requestsBefore = requests.sum();
        long errorsBefore = errors.sum();
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        long done = requests.sum() - requestsBefore;
        long failed = errors.sum() - errorsBefore;
        Latencies.Percentiles latency = Latencies.Percentiles.of(roundTrips.getIntervalHistogram());
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        return new Window(kind, perRequest, done / seconds, (done - failed) * perRequest / seconds, latency, failed);
    }

    private static String wager(String prefix, long i) {
        String outcome = i % 3 == 0 ? "WIN" : "LOSS";
        return "{\"wagerId\":\"W-h-" + prefix + "-" + i + "\",\"customerId\":\"C-" + (i * 7919 % 10_000) + "\",\"agentId\":\"A-" + (i % 20)
                + "\",\"currency\":\"USD\",\"stake\":1000,\"payout\":" + ("WIN".equals(outcome) ? 2500 : 0) + ",\"outcome\":\"" + outcome
                + "\",\"freePlay\":false,\"settledAt\":\"2026-11-27T12:00:00Z\"}";
    }
}

package io.crystalbus.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package, {@code /usr/bin/prometheus} or {@code $CRYSTAL_PROMETHEUS})
 * on a free loopback port with its data in a fresh temporary directory, scraping one target every second and
 * evaluating the given rules file every second.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final String INSTALL_HINT = "install Debian's Prometheus: apt-get install prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * @param target    host:port of the scraped endpoint
     * @param path      its metrics path, e.g. {@code /observe/metrics}
     * @param rulesFile a Prometheus rules file, loaded with {@code rule_files}
     */
    public static PrometheusServer start(String target, String path, Path rulesFile) throws Exception {
        Path binary = Path.of(System.getenv().getOrDefault("CRYSTAL_PROMETHEUS", "/usr/bin/prometheus"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no Prometheus at " + binary + ": " + INSTALL_HINT);
        }
        Path dir = Files.createTempDirectory("crystal-prometheus");
        TempFiles.removeAtExit(dir);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: crystal-bus
                    metrics_path: %s
                    static_configs:
                      - targets: ['%s']
                """.formatted(rulesFile.toAbsolutePath(), path, target));
        int port = LoopbackPorts.free();
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port, dir);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": " + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/-/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Prometheus not ready within 60 s: " + log());
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The {@code data} of an API call, e.g. {@code /api/v1/alerts}; fails on an error answer. */
    public JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return body.get("data");
    }

    /** The result of an instant query: one element per series. */
    public JsonNode query(String promql) throws Exception {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).get("result");
    }

    /** The state of the alert by that name ({@code pending}, {@code firing}), or {@code inactive} when it is not active. */
    public String alertState(String name) throws Exception {
        for (JsonNode alert : api("/api/v1/alerts").get("alerts")) {
            if (name.equals(alert.path("labels").path("alertname").asText())) {
                return alert.path("state").asText();
            }
        }
        return "inactive";
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

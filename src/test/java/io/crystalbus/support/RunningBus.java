package io.crystalbus.support;

import static org.awaitility.Awaitility.await;

import io.crystalbus.CrystalBus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * A whole crystal-bus started in the test JVM on a free loopback port, with an HTTP client for its API; over
 * HTTPS (trusting the bus's certificate) when the settings name a keystore ({@link TestKeystore}).
 */
public final class RunningBus implements AutoCloseable {
    private final CrystalBus bus;
    private final int port;
    private final int managementPort;
    private final String apiScheme;
    private final String managementScheme;
    private final HttpClient http;

    private RunningBus(Map<String, String> overrides) throws Exception {
        this.port = freePort();
        this.managementPort = freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.server.port", String.valueOf(port));
        settings.put("camel.management.port", String.valueOf(managementPort));
        settings.put("crystal.outbox.payouts", "file:target/test-data/payouts");
        settings.put("crystal.redelivery.delay-ms", "1");
        settings.put("crystal.console.enabled", "false");
        settings.put("crystal.console.port", "0");
        settings.put("crystal.data.dir", "target/test-data");
        // each bus its own dead letters (they outlive a bus on disk), removed when the JVM ends
        java.nio.file.Path deadLetters = java.nio.file.Files.createTempDirectory("crystal-dead-letters");
        settings.put("crystal.dead-letters.dir", deadLetters.toString());
        TempFiles.removeAtExit(deadLetters);
        settings.putAll(overrides);
        String keystore = settings.get("crystal.tls.keystore");
        this.apiScheme = keystore != null && !"false".equals(settings.get("crystal.tls.api")) ? "https" : "http";
        this.managementScheme = keystore != null && !"false".equals(settings.get("crystal.tls.management")) ? "https" : "http";
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (keystore != null) {
            client.sslContext(TestKeystore.trusting(java.nio.file.Path.of(keystore)));
        }
        this.http = client.build();
        this.bus = new CrystalBus(settings);
    }

    /**
     * Waits until the bus has nothing left to do: no exchange in flight and every SEDA queue empty, seen twice in a
     * row 50 ms apart (a message just taken from a queue is briefly in neither). A batching channel's open batch is
     * in neither: not for tests that batch.
     */
    public void awaitIdle() {
        AtomicInteger idleInARow = new AtomicInteger();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> idle() ? idleInARow.incrementAndGet() >= 2 : idleInARow.getAndSet(0) < 0);
    }

    private boolean idle() {
        CamelContext context = context();
        return context.getInflightRepository().size() == 0 && context.getEndpoints().stream()
                .filter(SedaEndpoint.class::isInstance).allMatch(endpoint -> ((SedaEndpoint) endpoint).getCurrentQueueSize() == 0);
    }

    public static RunningBus start() throws Exception {
        return start(Map.of());
    }

    public static RunningBus start(Map<String, String> overrides) throws Exception {
        RunningBus running = new RunningBus(overrides);
        running.bus.start();
        return running;
    }

    /** The bus, its ports and client, not started yet: for a test that races requests against {@link CrystalBus#start}. */
    public static RunningBus notStarted(Map<String, String> overrides) throws Exception {
        return new RunningBus(overrides);
    }

    /** The collections file drop in {@code drop}, polled quickly, reports in {@code drop/reports}. */
    public static Map<String, String> fileDrop(java.nio.file.Path drop) {
        return Map.of("crystal.inbox.collections-files", "file:" + drop + "?move=done&moveFailed=failed&readLock=changed"
                        + "&readLockMinLength=0&readLockMinAge=200&readLockCheckInterval=100&delay=100",
                "crystal.outbox.collection-reports", "file:" + drop + "/reports");
    }

    private static int freePort() throws IOException {
        return LoopbackPorts.free();
    }

    public CrystalBus bus() {
        return bus;
    }

    public CamelContext context() {
        return bus.context();
    }

    public <T> T bean(String name, Class<T> type) {
        return bus.bean(name, type);
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public HttpResponse<String> postJson(String path, String body) {
        return post(path, "application/json", body);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET on the management server (/observe/...). */
    public HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(managementUri(path)).GET());
    }

    public URI managementUri(String path) {
        return URI.create(managementScheme + "://127.0.0.1:" + managementPort + path);
    }

    public HttpResponse<String> managementPost(String path, String json) {
        return send(HttpRequest.newBuilder(managementUri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The value of an {@code Authorization} header for HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI uri(String path) {
        return URI.create(apiScheme + "://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws Exception {
        bus.stop();
    }
}

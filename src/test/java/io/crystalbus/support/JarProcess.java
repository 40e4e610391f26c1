package io.crystalbus.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The built jar (target/crystal-bus.jar) in its own JVM on free loopback ports: for system tests (*IT). */
public final class JarProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target/crystal-bus.jar");
    private final Process process;
    private final int apiPort;
    private final int managementPort;
    private final int consolePort;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private JarProcess(List<String> args, Path data, String name, int apiPort, int managementPort, int consolePort) throws IOException {
        this(args, data, name, apiPort, managementPort, consolePort, "512m");
    }

    private JarProcess(List<String> args, Path data, String name, int apiPort, int managementPort, int consolePort, String maxHeap) throws IOException {
        this(args, data, name, apiPort, managementPort, consolePort, maxHeap, List.of(), Map.of());
    }

    private JarProcess(List<String> args, Path data, String name, int apiPort, int managementPort, int consolePort, String maxHeap,
                       List<String> jvmOptions, Map<String, String> environment) throws IOException {
        this.apiPort = apiPort;
        this.managementPort = managementPort;
        this.consolePort = consolePort;
        this.log = data.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(args);
        command.add("crystal.data.dir=" + data.resolve(name));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        this.process = builder.start();
    }

    /** A bus with its API and management server (console off). */
    public static JarProcess bus(Path data) throws Exception {
        return bus(data, "512m");
    }

    /** A bus with at most {@code maxHeap} of heap (an OutOfMemoryError ends it) and extra settings. */
    public static JarProcess bus(Path data, String maxHeap, String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of("crystal.outbox.payouts=file:" + data.resolve("payouts") + "?tempFileName=${file:name}.part&forceWrites=true"));
        all.addAll(List.of(settings));
        return bus(data, maxHeap, List.of(), Map.of(), all);
    }

    /** A bus started with JVM options ({@code -D...}) and environment variables besides its settings. */
    public static JarProcess bus(Path data, List<String> jvmOptions, Map<String, String> environment, String... settings) throws Exception {
        return bus(data, "512m", jvmOptions, environment, List.of(settings));
    }

    private static JarProcess bus(Path data, String maxHeap, List<String> jvmOptions, Map<String, String> environment, List<String> settings)
            throws Exception {
        int api = freePort();
        int management = freePort();
        List<String> args = new ArrayList<>(List.of("run", "camel.server.port=" + api, "camel.management.port=" + management,
                "crystal.console.enabled=false"));
        args.addAll(settings);
        JarProcess bus = new JarProcess(args, data, "bus", api, management, -1, maxHeap, jvmOptions, environment);
        bus.awaitHttp(URI.create("http://127.0.0.1:" + management + "/observe/health/ready"));
        return bus;
    }

    /** {@code console --connect <jolokiaUrl>} only. */
    public static JarProcess console(Path data, String jolokiaUrl) throws Exception {
        int port = freePort();
        JarProcess console = new JarProcess(List.of("console", "--connect", jolokiaUrl, "crystal.console.port=" + port),
                data, "console", -1, -1, port);
        console.awaitHttp(URI.create("http://127.0.0.1:" + port + "/hawtio/"));
        return console;
    }

    private void awaitHttp(URI uri) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process ended; log:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200); // the poll interval of a wait with a deadline (the process starting)
        }
        throw new IllegalStateException(uri + " did not answer within 60 s; log:\n" + Files.readString(log));
    }

    public int postJson(String path, String body) {
        return post(path, body).statusCode();
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET on the management server (/observe/...). */
    public String management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    public String get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9}: no shutdown hook, no drain, as a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public int managementPort() {
        return managementPort;
    }

    public int consolePort() {
        return consolePort;
    }

    public static int freePort() throws IOException {
        return LoopbackPorts.free();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

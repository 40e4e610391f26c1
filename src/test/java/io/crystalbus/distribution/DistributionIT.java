package io.crystalbus.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crystalbus.support.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator gets it: {@code target/crystal-bus-<version>.tar.gz} unpacked, started with
 * {@code bin/crystal-bus start} from another directory, its state under its own {@code data/}, a setting changed in
 * {@code etc/application.properties} and a route file dropped into {@code routes/} taking effect after a restart.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("crystal.version", "0.1.0-SNAPSHOT");
    private static final Path ARCHIVE = Path.of("target/crystal-bus-" + VERSION + ".tar.gz");
    // the README's first wager
    private static final String WAGER = """
            {"wagerId": "W-1001", "customerId": "C-42", "agentId": "A-7", "currency": "USD",
             "stake": 1000, "payout": 2500, "outcome": "WIN", "freePlay": false, "settledAt": "2026-11-27T12:00:00Z"}""";
    private static final String LOSS = """
            {"wagerId": "W-2001", "customerId": "C-43", "agentId": "A-8", "currency": "USD",
             "stake": 1000, "payout": 0, "outcome": "LOSS", "freePlay": false, "settledAt": "2026-11-27T12:00:00Z"}""";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void unpackedItRunsFromAnyDirectoryOnItsOwnConfigurationAndRouteFiles(@TempDir Path unpacked, @TempDir Path elsewhere) throws Exception {
        assertThat(ARCHIVE).as("built by mvn package").exists();
        run(unpacked, List.of("tar", "xzf", ARCHIVE.toAbsolutePath().toString()));
        Path home = unpacked.resolve("crystal-bus-" + VERSION);
        Path launcher = home.resolve("bin/crystal-bus");
        assertThat(launcher).isExecutable();
        int api = JarProcess.freePort();
        int management = JarProcess.freePort();
        Files.writeString(home.resolve("etc/application.properties"), "\ncamel.server.port = " + api
                + "\ncamel.management.port = " + management + "\ncrystal.console.enabled = false\n", StandardOpenOption.APPEND);

        try {
            assertThat(run(elsewhere, List.of(launcher.toString(), "start"))).contains("started");
            awaitReady(management, home.resolve("logs/crystal-bus.out"));
            assertThat(run(elsewhere, List.of(launcher.toString(), "status"))).contains("running");
            assertThat(post(api, WAGER).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> get(api, "/api/v1/balances/C-42").body().contains("\"balance\":2500"));
            // the shipped commission: 500 basis points of the house's 1000
            assertThat(post(api, LOSS).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> get(api, "/api/v1/agents/A-8/accruals").body().contains("\"accrued\":50"));
            assertThat(run(elsewhere, List.of(launcher.toString(), "stop"))).contains("stopped");
            assertThat(home.resolve("data/inbox/collections")).as("the file drop under the installation's data/").isDirectory();
            try (var files = Files.list(elsewhere)) {
                assertThat(files.toList()).as("nothing written where it was started from").isEmpty();
            }

            // a setting changed in etc/ and a route file dropped into routes/: both in use after a restart
            Files.writeString(home.resolve("etc/application.properties"), "\ncrystal.settlement.commission-bps = 1000\n", StandardOpenOption.APPEND);
            Files.writeString(home.resolve("routes/hello.camel.yaml"), """
                    - route:
                        id: hello
                        from:
                          uri: platform-http:/hello
                          steps:
                            - setBody:
                                constant: hello from routes/
                    """);
            run(elsewhere, List.of(launcher.toString(), "start"));
            awaitReady(management, home.resolve("logs/crystal-bus.out"));
            assertThat(get(api, "/hello").body()).isEqualTo("hello from routes/");
            assertThat(post(api, LOSS.replace("W-2001", "W-2002")).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> get(api, "/api/v1/agents/A-8/accruals").body().contains("\"accrued\":100"));
            assertThat(run(elsewhere, List.of(launcher.toString(), "stop"))).contains("stopped");
        } finally {
            // after a failure above: the bus must not outlive the test
            new ProcessBuilder(launcher.toString(), "stop").directory(elsewhere.toFile()).start().waitFor(120, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(home.resolve("logs/crystal-bus.out"))).doesNotContain(" ERROR ");
        ProcessBuilder status = new ProcessBuilder(launcher.toString(), "status").directory(elsewhere.toFile());
        assertThat(status.start().waitFor()).as("status of a stopped bus").isEqualTo(3);
    }

    @Test
    void theLauncherSaysWhatIsWrongWithTheJavaItWasGiven(@TempDir Path unpacked) throws Exception {
        run(unpacked, List.of("tar", "xzf", ARCHIVE.toAbsolutePath().toString()));
        Path launcher = unpacked.resolve("crystal-bus-" + VERSION + "/bin/crystal-bus");
        ProcessBuilder noJava = new ProcessBuilder(launcher.toString(), "validate").redirectErrorStream(true);
        noJava.environment().put("JAVA_HOME", unpacked.resolve("no-such-jdk").toString());
        Process process = noJava.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(output).startsWith("crystal-bus: JAVA_HOME is ").contains("has no bin/java");
    }

    @Test
    void eachJavaGetsTheCollectorItsLinesOfJvmOptionsName(@TempDir Path unpacked) throws Exception {
        run(unpacked, List.of("tar", "xzf", ARCHIVE.toAbsolutePath().toString()));
        String launcher = unpacked.resolve("crystal-bus-" + VERSION + "/bin/crystal-bus").toString();
        // the Java running this test, then Temurin 25 where the machine has it beside Java 17
        assertThat(collectorUnder(launcher, Path.of(System.getProperty("java.home")), unpacked))
                .isEqualTo(Runtime.version().feature() >= 23 ? "Z Garbage Collector" : "Parallel");
        Path temurin25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        if (Files.isExecutable(temurin25.resolve("bin/java"))) {
            assertThat(collectorUnder(launcher, temurin25, unpacked)).isEqualTo("Z Garbage Collector");
        }
    }

    /** The collector the JVM the launcher starts under that Java says it uses (Java exits on two collectors). */
    private static String collectorUnder(String launcher, Path javaHome, Path directory) throws Exception {
        ProcessBuilder validate = new ProcessBuilder(launcher, "validate").directory(directory.toFile()).redirectErrorStream(true);
        validate.environment().put("JAVA_HOME", javaHome.toString());
        validate.environment().put("JAVA_OPTS", "-Xlog:gc:stdout");
        Process process = validate.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().filter(line -> line.contains("] Using ")).findFirst()
                .map(line -> line.substring(line.indexOf("] Using ") + 8).replaceFirst("^The ", "")).orElse(output);
    }

    @Test
    void validateAndTheDurableBenchRunFromAnEmptyDirectory(@TempDir Path unpacked, @TempDir Path empty) throws Exception {
        run(unpacked, List.of("tar", "xzf", ARCHIVE.toAbsolutePath().toString()));
        String launcher = unpacked.resolve("crystal-bus-" + VERSION + "/bin/crystal-bus").toString();
        assertThat(run(empty, List.of(launcher, "validate"))).startsWith("OK: 10 route files");
        String bench = run(empty, List.of(launcher, "bench", "--transport", "jms", "--modes", "json", "--rate", "0",
                "--rounds", "1", "--warmup", "1s", "--duration", "2s", "--out", "report"));
        assertThat(bench).contains("round 1 json @ max");
        assertThat(empty.resolve("report/report.json")).isRegularFile();
        try (var files = Files.list(empty)) {
            assertThat(files.toList()).as("only the report it was asked for").containsExactly(empty.resolve("report"));
        }
    }

    @Test
    void theServiceUnitVerifiesAndItsCredentialsReachTheBus(@TempDir Path unpacked, @TempDir Path credentials) throws Exception {
        run(unpacked, List.of("tar", "xzf", ARCHIVE.toAbsolutePath().toString()));
        Path home = unpacked.resolve("crystal-bus-" + VERSION);
        // the unit as installed at /opt/crystal-bus, its paths moved to this test's copy
        Path unit = unpacked.resolve("crystal-bus.service");
        Files.writeString(unit, Files.readString(home.resolve("etc/crystal-bus.service"))
                .replace("/opt/crystal-bus", home.toString()).replace("/etc/crystal-bus/credentials", credentials.toString()));
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String problems = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(problems).isZero();
        assertThat(problems).as("systemd-analyze warns of unknown keys without failing").isEmpty();

        // what LoadCredential= gives the service: a directory of files named like the variables
        Files.writeString(credentials.resolve("CRYSTAL_ADMIN_PASSWORD"), "s3cret-from-credentials");
        int api = JarProcess.freePort();
        int management = JarProcess.freePort();
        ProcessBuilder service = new ProcessBuilder(home.resolve("bin/crystal-bus").toString(), "run", "camel.server.port=" + api,
                "camel.management.port=" + management, "crystal.console.enabled=false")
                .redirectErrorStream(true).redirectOutput(unpacked.resolve("service.out").toFile());
        service.environment().put("CREDENTIALS_DIRECTORY", credentials.toString());
        Process bus = service.start();
        try {
            awaitReady(management, unpacked.resolve("service.out"));
            HttpRequest admin = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/api/v1/admin/rollout"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            "admin:s3cret-from-credentials".getBytes(StandardCharsets.UTF_8))).build();
            // without an operator password the admin API is off (404): the credential file is what turned it on
            assertThat(http.send(admin, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            bus.destroy();
            assertThat(bus.waitFor(90, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(unpacked.resolve("service.out"))).doesNotContain("s3cret-from-credentials");
    }

    private void awaitReady(int management, Path output) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .alias("ready; output:\n" + readQuietly(output))
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/observe/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none yet)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private HttpResponse<String> post(int port, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/wagers/settled"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a command in {@code directory}; its output, once it ended with exit code 0. */
    private static String run(Path directory, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}

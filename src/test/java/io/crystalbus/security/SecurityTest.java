package io.crystalbus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.support.RunningBus;
import io.crystalbus.config.BusSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import io.crystalbus.support.TestSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityTest {

    private static BusSettings settings(Map<String, String> values) {
        return TestSettings.of(values);
    }

    @Test
    void onlyLoopbackLiteralsAndLocalhostCountAsLoopback() {
        assertThat(Binds.isLoopback("127.0.0.1")).isTrue();
        assertThat(Binds.isLoopback("127.0.0.2")).isTrue();
        assertThat(Binds.isLoopback("localhost")).isTrue();
        assertThat(Binds.isLoopback("::1")).isTrue();
        assertThat(Binds.isLoopback("[::1]")).isTrue();
        assertThat(Binds.isLoopback("0.0.0.0")).isFalse();
        assertThat(Binds.isLoopback("10.1.2.3")).isFalse();
        assertThat(Binds.isLoopback("bus.example.org")).isFalse();
        assertThat(Binds.isLoopback("")).isFalse();
    }

    @Test
    void aNonLoopbackBindNeedsAPasswordAndNeverGetsADefaultOne() {
        AuthenticationPolicy noPassword = new AuthenticationPolicy(settings(Map.of()), Map.of());
        assertThat(noPassword.credentialsFor("camel.management.host", "127.0.0.1")).isEmpty();
        assertThatThrownBy(() -> noPassword.credentialsFor("camel.management.host", "0.0.0.0"))
                .hasMessageContaining("camel.management.host is 0.0.0.0, beyond loopback")
                .hasMessageContaining("CRYSTAL_ADMIN_PASSWORD");

        AuthenticationPolicy fromEnvironment = new AuthenticationPolicy(settings(Map.of()), Map.of("CRYSTAL_ADMIN_PASSWORD", "pw"));
        assertThat(fromEnvironment.credentialsFor("h", "0.0.0.0")).get().satisfies(c -> assertThat(c.matches("admin", "pw")).isTrue());

        AuthenticationPolicy always = new AuthenticationPolicy(settings(Map.of("crystal.security.require-auth", "always",
                "crystal.admin.user", "ops", "crystal.admin.password", "pw2")), Map.of());
        assertThat(always.credentialsFor("h", "127.0.0.1")).get().satisfies(c -> assertThat(c.user()).isEqualTo("ops"));
    }

    @Test
    void credentialsCompareExactlyAndNeverPrintThePassword() {
        AdminCredentials credentials = new AdminCredentials("admin", "s3cret");
        assertThat(credentials.matches("admin", "s3cret")).isTrue();
        assertThat(credentials.matches("admin", "s3cre")).isFalse();
        assertThat(credentials.matches("admin", "s3cret!")).isFalse();
        assertThat(credentials.matches("Admin", "s3cret")).isFalse();
        assertThat(credentials.matches(null, "s3cret")).isFalse();
        assertThat(credentials.toString()).doesNotContain("s3cret");
    }

    @Test
    void theManagementServerAsksForTheOperatorLoginWhenRequired() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.security.require-auth", "always",
                "crystal.admin.password", "s3cret", "crystal.data.dir", "target/test-data"))) {
            assertThat(bus.management("/observe/jolokia/version").statusCode()).isEqualTo(401);
            assertThat(bus.management("/observe/metrics").statusCode()).isEqualTo(401);
            URI jolokia = URI.create("http://127.0.0.1:" + managementPort(bus) + "/observe/jolokia/version");
            assertThat(bus.send(HttpRequest.newBuilder(jolokia).header("Authorization", basic("admin", "wrong")).GET()).statusCode()).isEqualTo(401);
            assertThat(bus.send(HttpRequest.newBuilder(jolokia).header("Authorization", basic("admin", "s3cret")).GET()).statusCode()).isEqualTo(200);
            // require-auth=always asks for a login on the API too (its own tests: security.api)
            assertThat(bus.get("/api/v1/dead-letters").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void theManagementServerSlowsDownAnAddressThatKeepsGuessing() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.security.require-auth", "always", "crystal.admin.password", "s3cret",
                "crystal.api.login.free-failures", "2"))) {
            URI metrics = URI.create("http://127.0.0.1:" + managementPort(bus) + "/observe/metrics");
            for (int guess = 0; guess < 3; guess++) {
                assertThat(bus.send(HttpRequest.newBuilder(metrics).header("Authorization", basic("admin", "guess-" + guess)).GET()).statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> throttled = bus.send(HttpRequest.newBuilder(metrics).header("Authorization", basic("admin", "s3cret")).GET());
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void theOperatorsPasswordIsWrittenToNoFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.security.require-auth", "always",
                "crystal.admin.password", "written-nowhere-s3cret", "crystal.data.dir", data.toString()))) {
            assertThat(bus.management("/observe/metrics").statusCode()).isEqualTo(401);
            try (var files = java.nio.file.Files.walk(data)) {
                for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                    assertThat(java.nio.file.Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain("written-nowhere-s3cret");
                }
            }
        }
    }

    @Test
    void theConsoleAsksForTheOperatorLoginWhenRequired() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.security.require-auth", "always",
                "crystal.admin.password", "s3cret", "crystal.console.enabled", "true"))) {
            int port = bus.context().hasService(io.crystalbus.observe.console.HawtioConsole.class).port();
            for (String path : new String[] {"/hawtio/", "/hawtio/jolokia/version"}) {
                URI uri = URI.create("http://127.0.0.1:" + port + path);
                assertThat(bus.send(HttpRequest.newBuilder(uri).GET()).statusCode()).as(path).isEqualTo(401);
                assertThat(bus.send(HttpRequest.newBuilder(uri).header("Authorization", basic("admin", "nope")).GET()).statusCode()).as(path).isEqualTo(401);
                assertThat(bus.send(HttpRequest.newBuilder(uri).header("Authorization", basic("admin", "s3cret")).GET()).statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void aRequiredLoginWithoutPasswordStopsTheStart() {
        assertThatThrownBy(() -> RunningBus.start(Map.of("crystal.security.require-auth", "always")).close())
                .hasStackTraceContaining("set crystal.admin.password");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int managementPort(RunningBus bus) {
        return Integer.parseInt(bus.context().resolvePropertyPlaceholders("{{camel.management.port}}"));
    }
}

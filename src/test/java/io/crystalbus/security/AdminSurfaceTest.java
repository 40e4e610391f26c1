package io.crystalbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.support.RunningBus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admin endpoint of the API (flags, tracing, dead-letter replay) without, with wrong and with the right
 * operator login; off altogether when no password is configured; and the size limits of admin requests.
 */
class AdminSurfaceTest {
    private static RunningBus bus;
    private static RunningBus withoutPassword;

    @BeforeAll
    static void start() throws Exception {
        // every wrong password below comes from 127.0.0.1: the throttle has its own test
        bus = RunningBus.start(Map.of("crystal.admin.password", "s3cret", "crystal.api.login.free-failures", "100000"));
        withoutPassword = RunningBus.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
        withoutPassword.close();
    }

    /** Method, path, body, and the status with the right login (404: the login passed, the letter is unknown). */
    static Stream<Arguments> adminEndpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/admin/rollout", null, 200),
                Arguments.of("GET", "/api/v1/admin/rollout/balance", null, 200),
                Arguments.of("PUT", "/api/v1/admin/rollout/balance", "{\"enabled\":false,\"percent\":0}", 200),
                Arguments.of("GET", "/api/v1/admin/trace", null, 200),
                Arguments.of("PUT", "/api/v1/admin/trace/balance", "{\"enabled\":false}", 200),
                Arguments.of("POST", "/api/v1/dead-letters/12345/replay", null, 404));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminEndpoints")
    void needsTheOperatorLogin(String method, String path, String body, int withLogin) {
        HttpResponse<String> none = call(bus, method, path, body, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(call(bus, method, path, body, RunningBus.basic("admin", "wrong")).statusCode()).isEqualTo(401);
        assertThat(call(bus, method, path, body, RunningBus.basic("root", "s3cret")).statusCode()).isEqualTo(401);
        assertThat(call(bus, method, path, body, "Basic not-base64!").statusCode()).isEqualTo(401);
        assertThat(call(bus, method, path, body, "Bearer s3cret").statusCode()).isEqualTo(401);
        assertThat(call(bus, method, path, body, RunningBus.basic("admin", "s3cret")).statusCode()).isEqualTo(withLogin);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminEndpoints")
    void isOffWithoutAConfiguredPassword(String method, String path, String body, int withLogin) {
        HttpResponse<String> answer = call(withoutPassword, method, path, body, RunningBus.basic("admin", ""));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("the admin API is off");
    }

    @Test
    void adminBodiesAndRequestHeadersHaveSizeLimits() {
        String big = "{\"enabled\":false,\"pad\":\"" + "x".repeat(5_000) + "\"}";
        assertThat(call(bus, "PUT", "/api/v1/admin/trace/balance", big, RunningBus.basic("admin", "s3cret")).statusCode()).isEqualTo(400);
        assertThat(call(bus, "PUT", "/api/v1/admin/rollout/balance", big, RunningBus.basic("admin", "s3cret")).statusCode()).isEqualTo(400);
        HttpResponse<String> hugeHeader = bus.send(HttpRequest.newBuilder(bus.uri("/api/v1/admin/rollout")).version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Authorization", RunningBus.basic("admin", "s3cret")).header("X-Padding", "y".repeat(20_000)).GET());
        assertThat(hugeHeader.statusCode()).isEqualTo(431);
        // and the bus still answers
        assertThat(call(bus, "GET", "/api/v1/admin/rollout", null, RunningBus.basic("admin", "s3cret")).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> call(RunningBus target, String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return target.send(request);
    }
}

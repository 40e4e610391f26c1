package io.crystalbus.security.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.support.RunningBus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the API asks for a login, and the slowing down of guesses. */
class ApiLoginTest {

    @Test
    void anApiBeyondLoopbackThatNobodyCouldLogInToDoesNotStart() {
        assertThatThrownBy(() -> RunningBus.start(Map.of("camel.server.host", "0.0.0.0")).close())
                .hasMessageContaining("camel.server.host is 0.0.0.0, beyond loopback, so the API needs a login")
                .hasMessageContaining(ApiCredentials.FILE_SETTING).hasMessageContaining(ApiCredentials.ENV);
    }

    @Test
    void onLoopbackWithoutUsersTheApiStaysOpenButAdminNeedsTheOperator() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.admin.password", "s3cret"))) {
            assertThat(bus.get("/api/v1/dead-letters").statusCode()).isEqualTo(200);
            assertThat(bus.postJson("/api/v1/collections", ApiAccessTest.COLLECTION).statusCode()).isEqualTo(202);
            assertThat(bus.get("/api/v1/admin/rollout").statusCode()).isEqualTo(401);
            assertThat(get(bus, "/api/v1/admin/rollout", RunningBus.basic("admin", "s3cret")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void requireAuthAlwaysAsksForALoginOnLoopbackToo() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.security.require-auth", "always", "crystal.admin.password", "s3cret"))) {
            assertThat(bus.get("/api/v1/dead-letters").statusCode()).isEqualTo(401);
            assertThat(get(bus, "/api/v1/dead-letters", RunningBus.basic("admin", "s3cret")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAddressThatKeepsGuessingWaitsBeforeItMayTryAgain() throws Exception {
        try (RunningBus bus = RunningBus.start(Map.of("crystal.admin.password", "s3cret", "crystal.api.login.free-failures", "3"))) {
            for (int i = 0; i < 4; i++) {
                assertThat(get(bus, "/api/v1/admin/rollout", RunningBus.basic("admin", "guess-" + i)).statusCode()).isEqualTo(401);
            }
            // even the right password waits now: the guesser learns nothing while it waits
            HttpResponse<String> throttled = get(bus, "/api/v1/admin/rollout", RunningBus.basic("admin", "s3cret"));
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
            Thread.sleep(1_100); // the Retry-After of 1 s passes: the duration is the subject
            assertThat(get(bus, "/api/v1/admin/rollout", RunningBus.basic("admin", "s3cret")).statusCode()).isEqualTo(200);
            assertThat(bus.management("/observe/metrics").body()).containsPattern("crystal_api_refused_total\\{[^}]*reason=\"throttled\"[^}]*\\} 1");
        }
    }

    private static HttpResponse<String> get(RunningBus bus, String path, String authorization) {
        return bus.send(HttpRequest.newBuilder(bus.uri(path)).header("Authorization", authorization).GET());
    }
}

package io.crystalbus.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.RunningBus;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rollout flags changed at runtime: the admin API and the JMX MBean (the login: AdminSurfaceTest). */
class RolloutAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        bus = RunningBus.start(Map.of("crystal.admin.password", "s3cret"));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(bus.uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", RunningBus.basic(user, password));
        }
        return bus.send(request);
    }

    @Test
    void aPutChangesTheFlagAndAWrongBodyIsNamed() throws Exception {
        HttpResponse<String> put = call("PUT", "/api/v1/admin/rollout/free-play", "{\"enabled\":true,\"percent\":12.5,\"pilot\":\"cbor\"}", "admin", "s3cret");
        JsonNode state = JSON.readTree(put.body());
        assertThat(state.get("flow").asText()).isEqualTo("free-play");
        assertThat(state.get("percent").asDouble()).isEqualTo(12.5);
        assertThat(state.get("pilot").asText()).isEqualTo("cbor");
        assertThat(JSON.readTree(call("GET", "/api/v1/admin/rollout/free-play", null, "admin", "s3cret").body()).get("enabled").asBoolean()).isTrue();

        assertThat(call("PUT", "/api/v1/admin/rollout/free-play", "{\"percent\":101}", "admin", "s3cret").body()).contains("percent:");
        assertThat(call("PUT", "/api/v1/admin/rollout/free-play", "{\"pilot\":\"xml\"}", "admin", "s3cret").body()).contains("pilot: must be one of");
        assertThat(call("PUT", "/api/v1/admin/rollout/free-play", "{\"percnt\":5}", "admin", "s3cret").body()).contains("percnt");
        assertThat(call("PUT", "/api/v1/admin/rollout/free-play", "{\"percent\":\"ten\"}", "admin", "s3cret").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/v1/admin/rollout/free-play", "", "admin", "s3cret").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/v1/admin/rollout/nowhere", "{\"enabled\":true}", "admin", "s3cret").statusCode()).isEqualTo(404);
        assertThat(bus.bean("rolloutFlags", RolloutFlags.class).get("free-play").percent()).isEqualTo(12.5);
    }

    @Test
    void theJmxMBeanChangesTheFlagAndItsKillSwitchTurnsItOff() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        var name = RolloutFlagsJmx.nameOf("distributions");
        server.setAttribute(name, new Attribute("Percent", 25.0));
        server.setAttribute(name, new Attribute("Enabled", true));
        RolloutFlags flags = bus.bean("rolloutFlags", RolloutFlags.class);
        assertThat(flags.get("distributions").percent()).isEqualTo(25.0);
        assertThat(flags.get("distributions").enabled()).isTrue();
        server.invoke(name, "killSwitch", null, null);
        assertThat(flags.get("distributions").enabled()).isFalse();
        assertThat(server.getAttribute(name, "Percent")).isEqualTo(25.0);
    }

    @Test
    void withoutAPasswordTheAdminApiIsOff() throws Exception {
        try (RunningBus open = RunningBus.start()) {
            HttpResponse<String> response = open.send(HttpRequest.newBuilder(open.uri("/api/v1/admin/rollout")).GET());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("admin API is off");
        }
    }
}

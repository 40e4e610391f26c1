package io.crystalbus.security.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.observe.console.HawtioConsole;
import io.crystalbus.support.TestKeystore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiAccessTest}'s every endpoint x every kind of caller, with the API and the management server serving
 * HTTPS from a PKCS#12 keystore ({@code crystal.tls.*}); neither answers plain HTTP on its port; the console
 * serves HTTPS from the same keystore.
 */
class ApiAccessOverHttpsTest extends ApiAccessTest {

    @Override
    Map<String, String> transportSettings() {
        Map<String, String> settings = new HashMap<>(TestKeystore.settings());
        settings.put("crystal.console.enabled", "true");
        return settings;
    }

    @Test
    void theApiAndTheManagementServerSpeakHttpsOnly() throws Exception {
        assertThat(bus.uri("/").getScheme()).isEqualTo("https");
        assertThat(bus.management("/observe/health").statusCode()).isEqualTo(200);
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI api = URI.create(bus.uri("/api/v1/dead-letters").toString().replace("https:", "http:"));
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void theConsolesJolokiaAnswersNoPageFromAnotherOrigin() throws Exception {
        int port = bus.context().hasService(HawtioConsole.class).port();
        URI jolokia = URI.create("https://127.0.0.1:" + port + "/hawtio/jolokia");
        HttpResponse<String> foreign = bus.send(HttpRequest.newBuilder(jolokia).header("Origin", "https://evil.example")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")));
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> local = bus.send(HttpRequest.newBuilder(jolokia).header("Origin", "https://127.0.0.1:" + port)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")));
        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(local.body()).contains("\"status\":200");
    }

    @Test
    void theConsoleSpeaksHttps() throws Exception {
        int port = bus.context().hasService(HawtioConsole.class).port();
        HttpResponse<String> page = bus.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/hawtio/")).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("hawtio");
    }
}

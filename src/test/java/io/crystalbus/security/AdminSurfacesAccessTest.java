package io.crystalbus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crystalbus.observe.console.HawtioConsole;
import io.crystalbus.security.api.SecretHash;
import io.crystalbus.support.JarProcess;
import io.crystalbus.support.RunningBus;
import jakarta.jms.JMSSecurityException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the admin surfaces (management server, Jolokia, console, the console's Jolokia, the broker
 * acceptor) x {no credentials, wrong password, wrong role, right role}, with logins required
 * ({@code crystal.security.require-auth=always}); over plain HTTP and TCP here, over HTTPS and TLS in
 * {@link AdminSurfacesAccessOverTlsTest}. These surfaces have one account, the operator's: an API user of another
 * role (reader) is not known there, so "wrong role" is a 401. The API's own matrix: {@code ApiAccessTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminSurfacesAccessTest {
    static final String OPERATOR_PASSWORD = "operator-s3cret";
    static final String BROKER_PASSWORD = "broker-s3cret";
    RunningBus bus;
    String acceptor;

    /** How the surfaces are served: plain here, TLS in {@link AdminSurfacesAccessOverTlsTest}. */
    Map<String, String> transportSettings() {
        return Map.of();
    }

    /** The broker URL a client uses for the acceptor. */
    String brokerUrl() {
        return acceptor;
    }

    @BeforeAll
    void start(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
        acceptor = "tcp://127.0.0.1:" + JarProcess.freePort();
        Path credentials = Files.createTempFile("api-credentials", "");
        io.crystalbus.support.TempFiles.removeAtExit(credentials);
        Files.write(credentials, List.of("user reader " + SecretHash.ofPassword("reader-password".toCharArray()) + " read"));
        Map<String, String> settings = new HashMap<>(transportSettings());
        settings.putAll(Map.of("crystal.security.require-auth", "always", "crystal.admin.password", OPERATOR_PASSWORD,
                "crystal.api.credentials-file", credentials.toString(), "crystal.console.enabled", "true",
                "crystal.transport", "jms", "crystal.data.dir", data.toString(), "crystal.broker.listen", acceptor,
                "crystal.broker.password", BROKER_PASSWORD));
        bus = RunningBus.start(settings);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
    }

    /** Surface, method, path, body: the HTTP endpoints of the admin surfaces. */
    static Stream<Arguments> endpoints() {
        String version = "{\"type\":\"version\"}";
        return Stream.of(
                Arguments.of("management", "GET", "/observe/health", null),
                Arguments.of("management", "GET", "/observe/health/ready", null),
                Arguments.of("management", "GET", "/observe/metrics", null),
                Arguments.of("management", "GET", "/observe/info", null),
                Arguments.of("management", "GET", "/observe/jolokia/version", null),
                Arguments.of("management", "POST", "/observe/jolokia", version),
                Arguments.of("console", "GET", "/hawtio/", null),
                Arguments.of("console", "GET", "/hawtio/jolokia/version", null),
                Arguments.of("console", "POST", "/hawtio/jolokia", version));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("endpoints")
    void eachAdminEndpointAnswersTheOperatorOnly(String surface, String method, String path, String body) {
        assertThat(call(surface, method, path, body, null).statusCode()).as("no credentials").isEqualTo(401);
        assertThat(call(surface, method, path, body, RunningBus.basic("admin", "not-the-password")).statusCode()).as("wrong password").isEqualTo(401);
        assertThat(call(surface, method, path, body, RunningBus.basic("reader", "reader-password")).statusCode()).as("wrong role").isEqualTo(401);
        HttpResponse<String> admitted = call(surface, method, path, body, RunningBus.basic("admin", OPERATOR_PASSWORD));
        assertThat(admitted.statusCode()).as("right role").isEqualTo(200);
    }

    @ParameterizedTest(name = "broker acceptor, {0}")
    @MethodSource("brokerCallers")
    void theBrokerAcceptorAdmitsTheBrokerAccountOnly(String caller, String user, String password, boolean admitted) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl())) {
            if (admitted) {
                factory.createConnection(user, password).close();
            } else {
                assertThatThrownBy(() -> factory.createConnection(user, password).close()).isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    static Stream<Arguments> brokerCallers() {
        return Stream.of(Arguments.of("no credentials", null, null, false),
                Arguments.of("wrong password", "crystal", "guess", false),
                Arguments.of("wrong role (an API user)", "reader", "reader-password", false),
                Arguments.of("the operator (not a broker account)", "admin", OPERATOR_PASSWORD, false),
                Arguments.of("right role", "crystal", BROKER_PASSWORD, true));
    }

    private HttpResponse<String> call(String surface, String method, String path, String body, String authorization) {
        URI uri = "console".equals(surface)
                ? URI.create(bus.uri("/").getScheme() + "://127.0.0.1:" + bus.context().hasService(HawtioConsole.class).port() + path)
                : bus.managementUri(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return bus.send(request);
    }
}

package io.crystalbus.security.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.crystalbus.support.RunningBus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the API x {no credentials, wrong password, wrong role, right role}, with users and a token
 * from a credentials file: 401 with both challenges, 401, 403, and the endpoint's own answer; over plain HTTP
 * here and over HTTPS in {@link ApiAccessOverHttpsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAccessTest {
    static final String FEED_TOKEN = SecretHash.newToken();
    RunningBus bus;

    /** How the API is served: plain HTTP here, HTTPS in {@link ApiAccessOverHttpsTest}. */
    Map<String, String> transportSettings() {
        return Map.of();
    }

    @BeforeAll
    void start() throws Exception {
        Map<String, String> settings = new HashMap<>(transportSettings());
        settings.put(ApiCredentials.FILE_SETTING, credentialsFile().toString());
        // every wrong password below comes from 127.0.0.1: the throttle has its own test
        settings.put("crystal.api.login.free-failures", "100000");
        bus = RunningBus.start(settings);
    }

    @AfterAll
    void stop() throws Exception {
        bus.close();
    }

    /** Users reader (read), clerk (ingest), ops (operator) and the token of feed (ingest), hashed with few iterations to keep the test fast. */
    static Path credentialsFile() throws Exception {
        Path file = Files.createTempFile("api-credentials", "");
        io.crystalbus.support.TempFiles.removeAtExit(file);
        Files.write(file, List.of(
                "# test users",
                "user reader " + SecretHash.ofPassword("reader-password".toCharArray(), 1000) + " read",
                "user clerk " + SecretHash.ofPassword("clerk-password".toCharArray(), 1000) + " ingest",
                "user ops " + SecretHash.ofPassword("ops-password".toCharArray(), 1000) + " operator",
                "token feed " + SecretHash.ofToken(FEED_TOKEN) + " ingest"));
        return file;
    }

    static final String WAGER = "{\"messageId\":\"wager.settled:W-acc-1\",\"wagerId\":\"W-acc-1\",\"customerId\":\"C-acc\",\"agentId\":\"A-acc\","
            + "\"currency\":\"USD\",\"stake\":100,\"payout\":0,\"outcome\":\"LOSS\",\"settledAt\":\"2026-12-01T10:00:00Z\"}";
    static final String COLLECTION = "{\"collectionId\":\"K-acc-1\",\"customerId\":\"C-acc\",\"agentId\":\"A-acc\",\"currency\":\"USD\","
            + "\"amount\":500,\"method\":\"bank\"}";
    static final String GRANT = "{\"messageId\":\"fp-acc-1\",\"action\":\"GRANT\",\"customerId\":\"C-acc\",\"currency\":\"USD\",\"amount\":100}";
    static final String RUN = "{\"runId\":\"R-acc-1\",\"period\":\"2026-W48\"}";

    /** Method, path, body, the role it needs, a caller without that role, the status once admitted. */
    static Stream<Arguments> endpoints() {
        String wrongForIngest = RunningBus.basic("reader", "reader-password");
        String wrongForRead = RunningBus.basic("clerk", "clerk-password");
        String wrongForOperator = RunningBus.basic("reader", "reader-password");
        String ingest = "Bearer " + FEED_TOKEN;
        String read = RunningBus.basic("reader", "reader-password");
        String operator = RunningBus.basic("ops", "ops-password");
        return Stream.of(
                Arguments.of("POST", "/api/v1/wagers/settled", WAGER, wrongForIngest, ingest, 202),
                Arguments.of("POST", "/api/v1/collections", COLLECTION, wrongForIngest, RunningBus.basic("clerk", "clerk-password"), 202),
                Arguments.of("POST", "/api/v1/freeplay", GRANT, wrongForIngest, ingest, 202),
                Arguments.of("POST", "/api/v1/distributions/runs", RUN, wrongForIngest, ingest, 202),
                Arguments.of("GET", "/api/v1/distributions/runs/R-none", null, wrongForRead, read, 404),
                Arguments.of("GET", "/api/v1/balances/C-none", null, wrongForRead, read, 404),
                Arguments.of("GET", "/api/v1/settlements/W-none", null, wrongForRead, read, 404),
                Arguments.of("GET", "/api/v1/agents/A-none/accruals", null, wrongForRead, read, 200),
                Arguments.of("GET", "/api/v1/dead-letters", null, wrongForRead, read, 200),
                Arguments.of("POST", "/api/v1/dead-letters/12345/replay", null, wrongForOperator, operator, 404),
                Arguments.of("GET", "/api/v1/admin/rollout", null, wrongForOperator, operator, 200),
                Arguments.of("GET", "/api/v1/admin/rollout/balance", null, wrongForOperator, operator, 200),
                Arguments.of("PUT", "/api/v1/admin/rollout/balance", "{\"enabled\":false,\"percent\":0}", wrongForOperator, operator, 200),
                Arguments.of("GET", "/api/v1/admin/trace", null, wrongForOperator, operator, 200),
                Arguments.of("PUT", "/api/v1/admin/trace/balance", "{\"enabled\":false}", wrongForOperator, operator, 200),
                // a path no route serves is refused at the door like the rest
                Arguments.of("GET", "/api/v1/nothing-here", null, wrongForRead, read, 404));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void eachEndpointAnswersOnlyTheRoleItNeeds(String method, String path, String body, String wrongRole, String rightRole, int admitted) {
        HttpResponse<String> none = call(method, path, body, null);
        assertThat(none.statusCode()).as("no credentials").isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate")).anySatisfy(v -> assertThat(v).startsWith("Basic realm="))
                .anySatisfy(v -> assertThat(v).startsWith("Bearer realm="));
        assertThat(call(method, path, body, RunningBus.basic("ops", "not-the-password")).statusCode()).as("wrong password").isEqualTo(401);
        assertThat(call(method, path, body, RunningBus.basic("nobody", "ops-password")).statusCode()).as("unknown user").isEqualTo(401);
        assertThat(call(method, path, body, "Bearer " + SecretHash.newToken()).statusCode()).as("unknown token").isEqualTo(401);
        assertThat(call(method, path, body, "Basic not-base64!").statusCode()).as("garbled").isEqualTo(401);
        HttpResponse<String> forbidden = call(method, path, body, wrongRole);
        assertThat(forbidden.statusCode()).as("wrong role").isEqualTo(403);
        assertThat(forbidden.body()).contains("role this endpoint needs");
        assertThat(call(method, path, body, rightRole).statusCode()).as("right role").isEqualTo(admitted);
    }

    @Test
    void everyRefusalIsCountedByItsReason() {
        call("GET", "/api/v1/dead-letters", null, null);
        call("GET", "/api/v1/dead-letters", null, RunningBus.basic("clerk", "clerk-password"));
        String scrape = bus.management("/observe/metrics").body();
        assertThat(scrape).containsPattern("crystal_api_refused_total\\{[^}]*reason=\"missing\"[^}]*\\} [1-9]")
                .containsPattern("crystal_api_refused_total\\{[^}]*reason=\"forbidden\"[^}]*\\} [1-9]");
    }

    HttpResponse<String> call(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(bus.uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return bus.send(request);
    }
}

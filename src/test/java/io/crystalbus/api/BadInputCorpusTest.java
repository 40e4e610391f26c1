package io.crystalbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crystalbus.support.OneBusPerClass;
import io.crystalbus.support.Wagers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of the HTTP API ({@code src/test/resources/bad-input/http-cases.psv}: file, path,
 * Content-Type, status, message): each case gets its documented status with a clear JSON answer, never a stack
 * trace, and a refused one a dead letter; the bus serves a valid request afterwards.
 */
class BadInputCorpusTest extends OneBusPerClass {
    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws Exception {
        return Files.readAllLines(CORPUS.resolve("http-cases.psv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\\s*\\|\\s*", 5))
                .map(f -> Arguments.of(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseGetsItsDocumentedAnswer(String file, String path, String contentType, int status, String message) throws Exception {
        long before = deadLetters();
        HttpResponse<String> response = bus.post(path, contentType, Files.readAllBytes(CORPUS.resolve(file)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        // a refused message is a dead letter; an accepted one is not
        assertThat(deadLetters()).isEqualTo(status >= 400 ? before + 1 : before);
    }

    @Test
    void theBusServesAValidRequestAfterTheCorpus() throws Exception {
        assertThat(cases().count()).isGreaterThanOrEqualTo(60);
        assertThat(bus.postJson("/api/v1/wagers/settled", Wagers.winJson("W-after-corpus", "C-after-corpus")).statusCode()).isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                bus.get("/api/v1/balances/C-after-corpus").statusCode() == 200);
        assertThat(JSON.readTree(bus.get("/api/v1/balances/C-after-corpus").body()).get("balance").asLong()).isEqualTo(2500);
    }

    private static long deadLetters() throws Exception {
        return JSON.readTree(bus.get("/api/v1/dead-letters").body()).get("total").asLong();
    }
}
